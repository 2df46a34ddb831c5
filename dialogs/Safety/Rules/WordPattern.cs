using PeerBot.Dialogs.Safety.Text;

namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>How a word of a concept meets a token.</summary>
public enum WordMatch
{
    /// <summary>By stem in the word's language: "skære" meets "skærer", "skar" and "skaere".</summary>
    Stem,
    /// <summary>Exactly, spelling folded (written "=i"): for short words a stemmer would stretch.</summary>
    Exact,
    /// <summary>The start of a word (written "selvmord*"): Danish compounds such as "selvmordstanker".</summary>
    Prefix,
    /// <summary>The end of a word (written "*forebyggelse"): the head of a compound.</summary>
    Suffix,
}

/// <summary>
/// One word of a concept, as written in a rules file: "dø", "=i", "selvmord*", "*forebyggelse", "overdose~" (a long
/// word that also meets one typo: "overdoes", "sucide"), or in a phrase "_" for any one word.
/// </summary>
/// <param name="Match">how it meets a token</param>
/// <param name="Language">the language it is listed under: its stemmer</param>
/// <param name="Text">the stem or folded spelling a token must show</param>
/// <param name="AllowsTypo">a long word also meets a token one slip away</param>
/// <param name="SentenceLanguage">"da" or "en" when it counts only in a sentence of that language; null: in any</param>
public sealed record WordPattern(WordMatch Match, string Language, string Text, bool AllowsTypo, string? SentenceLanguage)
{
    /// <summary>The patterns a written word stands for, with the spellings of a keyboard without æ, ø and å.</summary>
    public static IEnumerable<WordPattern> Parse(string written, string language)
    {
        if (written == "_")
        {
            yield return AnyWord;
            yield break;
        }
        var typo = written.EndsWith('~');
        var word = typo ? written[..^1] : written;
        var (match, text) = word switch
        {
            ['=', .. var rest] => (WordMatch.Exact, rest),
            [.. var rest, '*'] => (WordMatch.Prefix, rest),
            ['*', .. var rest] => (WordMatch.Suffix, rest),
            _ => (WordMatch.Stem, word),
        };
        if (text.Length == 0 || !text.All(char.IsLetterOrDigit))
            throw new FormatException($"'{written}' is not a word pattern (letters only: the reader spells out \"i'm\" as \"i am\")");
        if (typo && match != WordMatch.Stem)
            throw new FormatException($"'{written}': only a whole word can allow a typo");
        if (match is WordMatch.Prefix or WordMatch.Suffix && text.Length < AffixMinLength)
            throw new FormatException($"'{written}': the start or end of a word needs {AffixMinLength} letters or more");
        // A short exact word belongs to its language: Danish "i" is "in", "her" is "here".
        var sentence = match == WordMatch.Exact ? language : null;
        var key = Key(match, language, text);
        yield return new WordPattern(match, language, key, typo, sentence);

        // "dø" typed as "do" is Danish only inside a Danish sentence: in English "do" is another word. The start of a
        // word and an exact word need more letters than that ("hår*" typed "har*" would be the start of "har", "hard",
        // "harm"; "vær" typed "var" is "was"), and a stem must not shrink ("forære" typed "forere" would stem to "for").
        if (match is WordMatch.Prefix or WordMatch.Suffix && text.Length < PlainAffixMinLength || match == WordMatch.Exact && text.Length < PlainExactMinLength)
            yield break;
        foreach (var plain in Letters.WithoutDanishLetters(text))
        {
            var plainKey = Key(match, language, plain);
            if (plainKey.Length >= key.Length - 1 && (plainKey.Length >= PlainStemMinLength || key.Length <= 3))
                yield return new WordPattern(match, language, plainKey, typo, "da");
        }
    }

    /// <summary>What a token must show to meet this pattern: its stem, or its folded spelling.</summary>
    private static string Key(WordMatch match, string language, string text) => match switch
    {
        WordMatch.Stem when language == "da" => Letters.Fold(Stemmers.Danish(text)),
        WordMatch.Stem => Stemmers.English(Letters.Fold(text)),
        _ => Letters.Fold(text),
    };

    /// <summary>"_" in a phrase: any one word ("gøre _ fortræd" meets "gøre nogen fortræd").</summary>
    public static WordPattern AnyWord { get; } = new(WordMatch.Exact, "", "_", AllowsTypo: false, SentenceLanguage: null);

    public bool IsAnyWord => ReferenceEquals(this, AnyWord);

    /// <summary>The form of a token this pattern is compared with.</summary>
    public TokenForm Form { get; } = Match switch
    {
        WordMatch.Stem when Language == "da" => TokenForm.DanishStem,
        WordMatch.Stem => TokenForm.EnglishStem,
        _ => TokenForm.Folded,
    };

    /// <summary>Whether a token meets this pattern just when its <see cref="Form"/> is the pattern's text: no start, end or slip to allow.</summary>
    public bool IsWholeForm => Match is WordMatch.Stem or WordMatch.Exact && !AllowsTypo && Text != "_";

    public bool Meets(Token token, Sentence sentence)
    {
        // A word of one language counts in a sentence of that language, or of none that its small words tell.
        if (!token.IsWord || SentenceLanguage == "da" && sentence.LooksEnglish || SentenceLanguage == "en" && sentence.LooksDanish)
            return false;
        return MeetsForm(token);
    }

    /// <summary>Whether the token's spelling or stem is this word's, whatever the sentence's language.</summary>
    public bool MeetsForm(Token token)
    {
        var form = token.FormOf(Form);
        return Match switch
        {
            WordMatch.Prefix => form.StartsWith(Text, StringComparison.Ordinal),
            WordMatch.Suffix => form.EndsWith(Text, StringComparison.Ordinal),
            _ => form == Text || AllowsTypo && form.Length >= TypoMinLength && Typos.WithinOne(form, Text),
        };
    }

    /// <summary>The start or end of a word is at least this long, so that it can be looked up by its letters.</summary>
    public const int AffixMinLength = 3;

    /// <summary>The start or end of a word is also looked for without Danish letters only from this length on.</summary>
    public const int PlainAffixMinLength = 5;

    /// <summary>
    /// A stem is also looked for without Danish letters only from this length on, or when it is tiny to begin with
    /// ("dø" typed "do"): "skære" typed "skere" would stem to "sker", which is "happens".
    /// </summary>
    public const int PlainStemMinLength = 5;

    /// <summary>An exact word is also looked for without Danish letters only from this length on ("vær" typed "var" is another word).</summary>
    public const int PlainExactMinLength = 4;

    /// <summary>Words shorter than this never count as a typo of another: too many short words are one letter apart.</summary>
    public const int TypoMinLength = 6;
}

using System.Globalization;
using System.Text;

namespace PeerBot.Dialogs.Safety.Text;

/// <summary>
/// Reads a message the way the safety rules need it: lower case, typographic quotes and apostrophes made plain
/// (iOS types ’), English contractions spelt out ("I'd" is "i would", "cant" is "can not"), letters typed three or
/// more times in a row once ("sååå" is "så"), emoji and symbols dropped, and the text split into sentences of words.
/// Control characters, right-to-left text or only emoji never throw; they just give fewer words.
/// </summary>
public static class MessageReader
{
    /// <summary>The message as sentences of tokens.</summary>
    public static IReadOnlyList<Sentence> Read(string message)
    {
        var sentences = new List<Sentence>();
        var tokens = new List<Token>();
        var word = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0)
                return;
            var text = word.ToString().Trim('\'');
            word.Clear();
            if (text.Length > 0)
                Contractions.Add(text, tokens);
        }

        void EndSentence(bool isQuestion)
        {
            EndWord();
            while (tokens.Count > 0 && !tokens[^1].IsWord)
                tokens.RemoveAt(tokens.Count - 1);
            if (tokens.Any(t => t.IsWord))
                sentences.Add(new Sentence(tokens.ToArray(), isQuestion, LooksDanish: false));
            tokens.Clear();
        }

        var text = Plain(message);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }
            switch (c)
            {
                case '\'' when word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]):
                    word.Append(c);
                    break;
                case '-' when word.Length > 0 && char.IsLetter(word[^1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]):
                    break;   // "self-harm" is one word, read "selfharm"
                case '.' when word.Length > 0 && i + 1 < text.Length && char.IsDigit(text[i + 1]) && char.IsDigit(word[^1]):
                    word.Append(c);   // 18.30, 1.12
                    break;
                case '.' when IsAbbreviation(word):
                    EndWord();   // "d. 14", "kl. 17", "f.eks." do not end a sentence
                    break;
                case '.' or '!' or '\n' or '\u2026':
                    EndSentence(isQuestion: false);
                    break;
                case '?':
                    EndSentence(isQuestion: true);
                    break;
                case '-' when word.Length == 0 && i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' ':
                    // A dash between spaces joins two statements: "Du skriver, at du savner hende – måske ring til hende?"
                    EndSentence(isQuestion: EndsAsQuestion(text, i));
                    break;
                case ',' when FollowedBySo(text, i):
                    // ", så" and ", so" start what follows from it: "Du skriver, at haven giver dig glæde, så gå derud".
                    EndSentence(isQuestion: EndsAsQuestion(text, i));
                    break;
                case ',' or ';' or ':' or '-' or '(' or ')':
                    EndWord();
                    if (tokens.Count > 0 && tokens[^1].IsWord)
                        tokens.Add(new Token(TokenKind.ClauseMark, ","));
                    break;
                case '"' or '[' or ']':
                case '/' when word.Length == 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]):
                    // Quotes, [buttons] and /commands mark the bot's own words: "Skriv 'pause'", "Skriv /start".
                    EndWord();
                    tokens.Add(new Token(TokenKind.Quote, "\""));
                    break;
                case var high when char.IsHighSurrogate(high) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) &&
                                   EmojiWords.TryGetValue(char.ConvertToUtf32(high, text[i + 1]), out var named):
                    // A few emoji stand for a word the rules know: "🔪 i nat", "Farvel. 💊💊💊".
                    EndWord();
                    tokens.Add(new Token(TokenKind.Word, named));
                    i++;
                    break;
                case var symbol when char.IsSurrogate(symbol) || char.GetUnicodeCategory(symbol) is UnicodeCategory.OtherSymbol:
                    // An emoji ends a clause in chat: "Tak for din besked 💛 Stop med at bekymre dig".
                    EndWord();
                    if (tokens.Count > 0 && tokens[^1].IsWord)
                        tokens.Add(new Token(TokenKind.ClauseMark, ","));
                    break;
                default:
                    EndWord();
                    break;
            }
        }
        EndSentence(isQuestion: false);
        return WithLanguage(sentences);
    }

    /// <summary>
    /// Emoji read as the word they show, in English (the rules' English words count in a sentence of either
    /// language). Only pictures of means and of blood: a face or a heart says a feeling, not a word the rules need.
    /// </summary>
    private static readonly Dictionary<int, string> EmojiWords = new()
    {
        [0x1F52A] = "knife", [0x1F48A] = "pills", [0x1FAA2] = "rope", [0x1F309] = "bridge", [0x1FA78] = "blood", [0x1F52B] = "gun",
    };

    /// <summary>Whether the sentence a split-off part belongs to ends with "?": "Hvad føler du selv, at du burde – hvis noget?"</summary>
    private static bool EndsAsQuestion(string text, int from)
    {
        var end = text.IndexOfAny(['.', '!', '?', '\n'], from);
        return end >= 0 && text[end] == '?';
    }

    private static bool FollowedBySo(string text, int comma) =>
        comma + 4 <= text.Length && text.AsSpan(comma + 1).TrimStart().StartsWith("så ", StringComparison.Ordinal)
        || comma + 4 <= text.Length && text.AsSpan(comma + 1).TrimStart().StartsWith("so ", StringComparison.Ordinal);

    private static readonly HashSet<string> Abbreviations = ["kl", "ca", "bl", "nr", "evt", "mht", "pga", "fx", "eks", "osv", "dvs", "mr", "mrs", "dr", "st", "vs"];

    /// <summary>A single letter ("d.", "f.") or a common abbreviation before a full stop.</summary>
    private static bool IsAbbreviation(StringBuilder word) =>
        word.Length == 1 && char.IsLetter(word[0]) || word.Length is > 1 and <= 3 && Abbreviations.Contains(word.ToString());

    /// <summary>
    /// Each sentence's language from its own small words ("jeg", "ikke"; "the", "not"), or, when it has none of
    /// either ("Sluk telefonen i aften"), from the message as a whole.
    /// </summary>
    private static List<Sentence> WithLanguage(List<Sentence> sentences)
    {
        var votes = sentences.Select(s => Votes(s.Tokens)).ToList();
        var messageIsDanish = votes.Sum(v => v.Danish) > votes.Sum(v => v.English);
        var messageIsEnglish = votes.Sum(v => v.English) > votes.Sum(v => v.Danish);
        return [.. sentences.Select((s, i) =>
        {
            var (danish, english, letters) = votes[i];
            return danish == english && !letters
                ? s with { LooksDanish = messageIsDanish, LooksEnglish = messageIsEnglish }
                : s with { LooksDanish = letters || danish > english, LooksEnglish = !letters && english > danish };
        })];
    }

    /// <summary>
    /// Lower case, one kind of apostrophe and quote, one kind of dash, and single quotes around a word read as
    /// quotes ('pause'); letters from any script stay letters.
    /// </summary>
    private static string Plain(string message)
    {
        var text = Safe(() => message.IsNormalized(NormalizationForm.FormKC) ? message : message.Normalize(NormalizationForm.FormKC), message);
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            c = c switch
            {
                '\u2019' or '\u2018' or '\u00b4' or '`' or '\u02bc' => '\'',
                '\u201c' or '\u201d' or '\u201e' or '\u00ab' or '\u00bb' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                '\r' => '\n',
                _ => c,
            };
            // A single quote that is not inside a word (it's, don't) is a quote mark: 'pause'.
            if (c == '\'' && !(i > 0 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1])))
                c = '"';
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control && c != '\n')
                c = ' ';
            // "sååå" and "sooo": a letter three or more times in a row counts once.
            if (char.IsLetter(c) && plain.Length >= 2 && plain[^1] == c && plain[^2] == c)
            {
                plain.Length -= 2;
                while (i + 1 < text.Length && char.ToLowerInvariant(text[i + 1]) == c)
                    i++;
            }
            plain.Append(c);
        }
        return plain.ToString();
    }

    private static string Safe(Func<string> normalize, string fallback)
    {
        try
        {
            return normalize();
        }
        catch (ArgumentException)
        {
            return fallback;   // lone surrogates cannot be normalised; the text is read as it is
        }
    }

    private static readonly HashSet<string> DanishMarkers =
        ["jeg", "mig", "ikke", "det", "er", "og", "at", "et", "på", "til", "med", "har", "vil", "du", "så", "min", "mit", "mine",
         "bare", "var", "af", "den", "der", "nu", "mere", "selv", "også", "kan", "skal", "hvad", "hvordan", "dig", "noget", "være",
         "hvis", "ved", "ting", "hver", "ned", "op", "ud", "ind", "fra", "efter", "inden", "hjem", "dag", "aften", "uge", "godt", "lidt",
         "meget", "man", "vi", "de", "dem", "han", "hun", "hende", "ham", "din", "dit", "dine", "eller", "men", "når", "hvor", "hvem",
         "ja", "nej", "tak", "gerne", "måske", "altid", "aldrig", "noget", "nogen", "alle", "helt", "lige", "skriv", "sig", "tag", "gør"];

    // "i" is no marker: in Danish it is "in".
    private static readonly HashSet<string> EnglishMarkers =
        ["me", "not", "the", "and", "to", "a", "is", "am", "my", "it", "have", "want", "you", "this", "that", "of", "in", "be",
         "just", "so", "do", "what", "how", "your", "would", "will", "can", "are", "was", "myself", "don", "all", "with", "on",
         "at", "for", "from", "up", "out", "about", "when", "where", "who", "why", "they", "them", "he", "she", "him", "her", "we",
         "our", "an", "or", "but", "if", "yes", "no", "thanks", "please", "maybe", "always", "never", "some", "any", "every", "today",
         "tonight", "tomorrow", "week", "day", "night", "again", "more", "less", "very", "really", "get", "take", "make", "go"];

    private static (int Danish, int English, bool DanishLetters) Votes(IReadOnlyList<Token> tokens)
    {
        int danish = 0, english = 0;
        foreach (var token in tokens)
        {
            if (DanishMarkers.Contains(token.Surface))
                danish++;
            if (EnglishMarkers.Contains(token.Surface))
                english++;
        }
        var danishLetters = false;
        foreach (var token in tokens)
            danishLetters |= token.Surface.AsSpan().IndexOfAny('æ', 'ø', 'å') >= 0;
        return (danish, english, danishLetters);
    }
}

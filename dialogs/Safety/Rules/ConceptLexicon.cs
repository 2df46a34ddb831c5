using PeerBot.Dialogs.Safety.Text;

namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>A concept found in a sentence: which one, the tokens it covers, and how it stands there.</summary>
/// <param name="Concept">the concept's name</param>
/// <param name="Start">the first token it covers</param>
/// <param name="End">the last token it covers</param>
/// <param name="IsNegated">"ikke", "not", "never" … stand just before it in its clause (Danish also just after: "lever ikke")</param>
/// <param name="StartsClause">it opens its clause: first in the sentence, or after a comma or only openers ("så", "and", "just")</param>
/// <param name="EndsClause">nothing follows it in its clause ("jeg kan ikke mere", not "jeg kan ikke mere kaffe")</param>
/// <param name="SubjectIsSelf">
/// the nearest person before it in the sentence is the writer (jeg, I), or, in chat without a subject ("vil bare dø",
/// "wanna die"), there is no person before it and it comes within the first few words
/// </param>
public sealed record Occurrence(string Concept, int Start, int End, bool IsNegated, bool StartsClause, bool EndsClause, bool SubjectIsSelf);

/// <summary>
/// The words of every concept, indexed so that each token of a message is looked up once, whatever the number of
/// concepts. A concept's entry is a word or a phrase of words (<see cref="WordPattern"/>).
/// </summary>
public sealed class ConceptLexicon
{
    /// <summary>Concepts the lexicon itself reads: negations, what ends their reach, persons, and clause openers.</summary>
    public const string Negation = "NEG", NegationStop = "NEG-STOP", Self = "SELF", Other = "OTHER", Opener = "OPENER";

    /// <summary>Concepts no file defines: a quote mark, as in "Skriv 'pause'", and a number ("30 piller").</summary>
    public const string Quote = "QUOTE", Number = "NUMBER";

    private const int NegationReachBefore = 4;

    private readonly Dictionary<string, List<Entry>> byKey = [];
    private readonly Dictionary<string, List<Entry>> byTypoKey = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Starts> entriesByWord = new(StringComparer.Ordinal);
    private const int MaxWordsKept = 50_000;
    private const int AffixKeyLength = WordPattern.AffixMinLength;

    private sealed record Entry(string Concept, IReadOnlyList<WordPattern> Words);

    /// <summary>
    /// The entries a word may start. Phrases whose second word is a plain spelling or stem are filed by it: "i" starts
    /// some sixty phrases, and the word after it tells which few can go on.
    /// </summary>
    private sealed class Starts(Entry[] always, Dictionary<(TokenForm Form, string Text), Entry[]> bySecondWord)
    {
        /// <summary>Single words, and phrases whose second word is any word, a start, an end or allows a slip.</summary>
        public Entry[] Always { get; } = always;

        public Dictionary<(TokenForm Form, string Text), Entry[]> BySecondWord { get; } = bySecondWord;

        public static Starts Of(IReadOnlyList<Entry> entries)
        {
            var filed = entries.Where(e => e.Words.Count > 1 && e.Words[1].IsWholeForm).ToList();
            return new Starts([.. entries.Except(filed)],
                filed.GroupBy(e => (e.Words[1].Form, e.Words[1].Text)).ToDictionary(g => g.Key, g => g.ToArray()));
        }
    }

    private static readonly TokenForm[] Forms = Enum.GetValues<TokenForm>();

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> hides;

    /// <param name="entries">each concept's words and phrases</param>
    /// <param name="hides">
    /// concepts that hide others where they overlap them: "Sov godt" is a closing, not the imperative "Sov"; "dying
    /// to see" is an idiom, not dying
    /// </param>
    public ConceptLexicon(IEnumerable<(string Concept, IReadOnlyList<WordPattern> Words)> entries, IReadOnlyDictionary<string, IReadOnlyList<string>> hides)
    {
        this.hides = hides;
        foreach (var (concept, words) in entries)
        {
            var entry = new Entry(concept, words);
            var first = words[0];
            Concepts.Add(concept);
            Add(byKey, Key(first.Match, first.Language, first.Text), entry);
            if (first.AllowsTypo && words.Count == 1)
            {
                foreach (var deletion in Typos.Deletions(first.Text).Distinct())
                    Add(byTypoKey, Key(first.Match, first.Language, deletion), entry);
            }
        }
    }

    public HashSet<string> Concepts { get; } = [];

    /// <summary>Every concept in the sentence, with negation, clause position and subject worked out.</summary>
    public List<Occurrence> Find(Sentence sentence)
    {
        var raw = new List<(string Concept, int Start, int End)>();
        var tokens = sentence.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Quote)
                raw.Add((Quote, i, i));
            if (token.IsWord && !token.Surface.AsSpan().ContainsAnyExceptInRange('0', '9'))
                raw.Add((Number, i, i));
            if (!token.IsWord)
                continue;
            var starts = EntriesStartingAt(token);
            foreach (var entry in starts.Always)
            {
                if (PhraseEnd(entry, sentence, i) is { } end)
                    raw.Add((entry.Concept, i, end));
            }
            if (starts.BySecondWord.Count == 0 || NextWord(tokens, i) is not { } next)
                continue;
            foreach (var form in Forms)
            {
                if (!starts.BySecondWord.TryGetValue((form, next.FormOf(form)), out var phrases))
                    continue;
                foreach (var entry in phrases)
                {
                    if (PhraseEnd(entry, sentence, i) is { } end)
                        raw.Add((entry.Concept, i, end));
                }
            }
        }

        raw = [.. raw.Distinct()];
        // A concept hides another where they overlap, unless a negation follows it right away ("og nej, jeg flytter
        // ikke").
        var kept = new List<(string Concept, int Start, int End)>(raw.Count);
        foreach (var r in raw)
        {
            if (!IsHidden(r, raw))
                kept.Add(r);
        }
        var persons = Persons(kept);
        var occurrences = new List<Occurrence>(kept.Count);
        foreach (var (concept, start, end) in kept)
        {
            occurrences.Add(new Occurrence(concept, start, end, IsNegated(kept, sentence, start, end), StartsClause(kept, tokens, start),
                EndsClause(kept, tokens, end), SubjectIsSelf(kept, persons, tokens, start, end)));
        }
        return occurrences;
    }

    private bool IsHidden((string Concept, int Start, int End) found, List<(string Concept, int Start, int End)> all)
    {
        foreach (var other in all)
        {
            if (other.Start <= found.End && found.Start <= other.End && hides.TryGetValue(other.Concept, out var hidden) &&
                hidden.Contains(found.Concept) && !Covers(all, Negation, other.End + 1))
                return true;
        }
        return false;
    }

    /// <summary>The word after token <paramref name="at"/>, across quote marks and commas as a phrase reads.</summary>
    private static Token? NextWord(IReadOnlyList<Token> tokens, int at)
    {
        for (var i = at + 1; i < tokens.Count; i++)
        {
            if (tokens[i].IsWord)
                return tokens[i];
        }
        return null;
    }

    /// <summary>The last token of the phrase when it starts at <paramref name="start"/>; null when it does not.</summary>
    private static int? PhraseEnd(Entry entry, Sentence sentence, int start)
    {
        var at = start;
        for (var w = 0; w < entry.Words.Count; w++)
        {
            var word = entry.Words[w];
            // A phrase reads across quote marks and commas: "du skriver, at" is "du skriver at".
            while (at > start && at < sentence.Tokens.Count && !sentence.Tokens[at].IsWord)
                at++;
            if (at >= sentence.Tokens.Count || !(word.IsAnyWord ? sentence.Tokens[at].IsWord : word.Meets(sentence.Tokens[at], sentence)))
                return null;
            at++;
        }
        return at - 1;
    }

    /// <summary>
    /// The entries whose first word this word may be: by stem, spelling, start, end, or one slip away. That depends
    /// on the word alone, so it is worked out once per word and kept (a bounded cache; a long message repeats words).
    /// </summary>
    private Starts EntriesStartingAt(Token token)
    {
        if (entriesByWord.TryGetValue(token.Surface, out var known))
            return known;
        var found = new List<Entry>();
        var seen = new HashSet<Entry>();
        foreach (var key in KeysOf(token))
        {
            if (byKey.TryGetValue(key, out var entries))
                found.AddRange(entries.Where(seen.Add));
            if (key is ['s', 'd' or 'e', ':', ..] && token.Folded.Length >= WordPattern.TypoMinLength)
            {
                foreach (var deletion in Typos.Deletions(key[3..]))
                {
                    if (byTypoKey.TryGetValue(string.Concat(key.AsSpan(0, 3), deletion), out var near))
                        found.AddRange(near.Where(seen.Add));
                }
            }
        }
        if (entriesByWord.Count >= MaxWordsKept)
            entriesByWord.Clear();
        // Keys of three letters find many entries that the word does not meet; only those it meets are kept.
        return entriesByWord[token.Surface] = Starts.Of([.. found.Where(entry => entry.Words[0].MeetsForm(token))]);
    }

    private static IEnumerable<string> KeysOf(Token token)
    {
        yield return Key(WordMatch.Stem, "da", token.DanishStem);
        yield return Key(WordMatch.Stem, "en", token.EnglishStem);
        yield return Key(WordMatch.Exact, "", token.Folded);
        if (token.Folded.Length >= AffixKeyLength)
        {
            yield return Key(WordMatch.Prefix, "", token.Folded[..AffixKeyLength]);
            yield return Key(WordMatch.Suffix, "", token.Folded[^AffixKeyLength..]);
        }
    }

    /// <summary>
    /// Where an entry is filed: by stem per language, by spelling, or by the first or last three letters of a
    /// word's start or end (the entry then checks the whole of it).
    /// </summary>
    private static string Key(WordMatch match, string language, string text) => match switch
    {
        WordMatch.Stem => (language == "da" ? "sd:" : "se:") + text,
        WordMatch.Exact => "ex:" + text,
        WordMatch.Prefix => "pf:" + text[..AffixKeyLength],
        _ => "sf:" + text[^AffixKeyLength..],
    };

    private static void Add(Dictionary<string, List<Entry>> index, string key, Entry entry)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(entry);
    }

    private static bool IsNegated(List<(string Concept, int Start, int End)> found, Sentence sentence, int start, int end)
    {
        var tokens = sentence.Tokens;
        var words = 0;
        for (var i = start - 1; i >= 0 && words < NegationReachBefore; i--)
        {
            if (tokens[i].Kind == TokenKind.ClauseMark || Covers(found, NegationStop, i))
                break;
            if (Covers(found, Negation, i))
                return true;
            words++;
        }
        // Danish puts "ikke" after the verb in a main clause ("jeg lever ikke", "jeg orker ikke mere"), and English
        // after an auxiliary ("I can not", "I will not").
        return end + 1 < tokens.Count && Covers(found, Negation, end + 1);
    }

    private static bool StartsClause(List<(string Concept, int Start, int End)> found, IReadOnlyList<Token> tokens, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            if (tokens[i].Kind != TokenKind.Word)
                return tokens[i].Kind == TokenKind.ClauseMark || StartsClause(found, tokens, i);
            if (!Covers(found, Opener, i))
                return false;
        }
        return true;
    }

    private static bool EndsClause(List<(string Concept, int Start, int End)> found, IReadOnlyList<Token> tokens, int end)
    {
        var next = end + 1;
        while (next < tokens.Count && tokens[next].Kind == TokenKind.Quote)
            next++;
        return next == tokens.Count || tokens[next].Kind == TokenKind.ClauseMark || Covers(found, NegationStop, next);
    }

    /// <summary>
    /// The persons of a sentence in the order they end: the writer, or someone else. "min mor" is a person of its
    /// own: a possessive "min"/"my" right before another person does not count.
    /// </summary>
    private static List<(string Concept, int Start, int End)> Persons(List<(string Concept, int Start, int End)> found) =>
        [.. found.Where(f => f.Concept == Other || f.Concept == Self && !found.Any(o => o.Concept == Other && o.Start == f.End + 1))
            .OrderBy(f => f.End).ThenBy(f => f.Start).ThenBy(f => f.Concept, StringComparer.Ordinal)];

    private static bool SubjectIsSelf(List<(string Concept, int Start, int End)> found, List<(string Concept, int Start, int End)> persons,
        IReadOnlyList<Token> tokens, int start, int end)
    {
        // A phrase that names the writer itself ("tage mit liv", "after I'm dead") is about the writer.
        foreach (var f in found)
        {
            if (f.Concept == Self && start <= f.Start && f.End <= end)
                return true;
        }
        var clauseStart = start;
        while (clauseStart > 0 && tokens[clauseStart - 1].Kind != TokenKind.ClauseMark && !Covers(found, NegationStop, clauseStart - 1))
            clauseStart--;
        // The persons before it: the nearest one in its clause, the first and the last in the sentence.
        string? inClause = null, firstBefore = null, lastBefore = null;
        foreach (var person in persons)
        {
            if (person.End >= start)
                continue;
            firstBefore ??= person.Concept;
            lastBefore = person.Concept;
            if (person.Start >= clauseStart)
                inClause = person.Concept;
        }
        if (inClause is not null)
            return inClause == Self;
        // Chat drops the subject ("tog en overdosis", "vil bare dø"), and so does a clause after "og"/"and" ("jeg
        // har gjort det før og tænker på at gøre det igen"): near the start of its clause, the subject is the
        // sentence's first person, or the writer when there is none.
        if (start - clauseStart <= SubjectlessReach)
            return firstBefore is null || firstBefore == Self;
        // A sentence that names no person at all is chat about oneself ("cant do this anymore want to die").
        if (lastBefore is not null)
            return lastBefore == Self;
        foreach (var f in found)
        {
            if (f.Concept is Self or Other)
                return false;
        }
        return true;
    }

    /// <summary>How far into a clause without a person a concept may stand and still be about the writer.</summary>
    private const int SubjectlessReach = 4;

    private static bool Covers(List<(string Concept, int Start, int End)> found, string concept, int index)
    {
        foreach (var f in found)
        {
            if (f.Concept == concept && f.Start <= index && index <= f.End)
                return true;
        }
        return false;
    }
}

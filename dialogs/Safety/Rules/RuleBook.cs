using System.Globalization;
using System.Reflection;
using PeerBot.Dialogs.Safety.Text;

namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>A message as the safety checks see it: its sentences, and the concepts found in each.</summary>
public sealed record Reading(IReadOnlyList<Sentence> Sentences, IReadOnlyList<IReadOnlyList<Occurrence>> Concepts);

/// <summary>
/// A detector's rules, read from a rules file (dialogs/Safety/*.rules): concepts, each a list of Danish and English
/// words, and rules, each one line naming concepts that occur together, with sentences it must and must not match.
/// The file is checked when it is read: an unknown concept, a rule without examples, or a malformed line stops
/// start-up with the file and line named.
/// </summary>
/// <example>
/// <code>
/// concept SELF
///   da: jeg mig
///   en: =i me myself
/// concept IDIOM hides DEATH
///   en: "dying to"
/// rule death-wish: SELF WISH DEATH@self within 8
///   + Jeg ønsker, at jeg var død.
///   - Jeg ønsker, at min far ikke var død.
/// </code>
/// </example>
public sealed class RuleBook
{
    private readonly ConceptLexicon lexicon;
    private readonly ConceptIds ids;
    private readonly RuleIndex index;

    private RuleBook(string name, ConceptLexicon lexicon, ConceptIds ids, IReadOnlyList<Rule> rules)
    {
        Name = name;
        this.lexicon = lexicon;
        this.ids = ids;
        Rules = rules;
        index = new RuleIndex(rules, ids);
    }

    public string Name { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>A rules file embedded in PeerBot.Dialogs ("crisis.rules").</summary>
    public static RuleBook LoadBuiltIn(string fileName)
    {
        using var stream = typeof(RuleBook).Assembly.GetManifestResourceStream("safety/" + fileName)
            ?? throw new InvalidOperationException($"No built-in rules file {fileName}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), fileName);
    }

    /// <summary>The message read into sentences, with the concepts found in each: what the rules and the model look at.</summary>
    public Reading Read(string text)
    {
        var sentences = MessageReader.Read(text);
        return new Reading(sentences, [.. sentences.Select(lexicon.Find)]);
    }

    /// <summary>The first rule, in file order, that the message meets; null when none does.</summary>
    public Rule? FirstMatch(Reading reading)
    {
        var inMessage = ConceptSet.Of(reading.Concepts, ids);
        foreach (var window in Windows(reading))
        {
            foreach (var r in index.Candidates(window.Present))
            {
                if (Rules[r].Matches(window, inMessage))
                    return Rules[r];
            }
        }
        return null;
    }

    /// <summary>True when this one rule meets the text (for its examples).</summary>
    public bool Matches(Rule rule, string text)
    {
        var reading = Read(text);
        var inMessage = ConceptSet.Of(reading.Concepts, ids);
        return Windows(reading).Any(window => rule.Matches(window, inMessage));
    }

    /// <summary>Each sentence, then each pair of neighbouring sentences.</summary>
    private IEnumerable<Window> Windows(Reading reading)
    {
        var sentences = reading.Sentences.Select((s, i) => new SentenceConcepts(reading.Concepts[i], s.Tokens.Count,
            s.IsQuestion ? SentenceKind.Question : SentenceKind.Statement, ids)).ToList();
        foreach (var sentence in sentences)
            yield return new Window(sentence);
        for (var i = 0; i + 1 < sentences.Count; i++)
            yield return new Window(sentences[i], sentences[i + 1]);
    }

    /// <summary>Reads a rules file; <paramref name="name"/> is used in error messages.</summary>
    public static RuleBook Parse(string text, string name)
    {
        var entries = new List<(string Concept, IReadOnlyList<WordPattern> Words)>();
        var concepts = new HashSet<string>();
        var rules = new List<(Rule Rule, List<RuleExample> Examples)>();
        var hides = new Dictionary<string, IReadOnlyList<string>>();
        concepts.Add(ConceptLexicon.Quote);
        concepts.Add(ConceptLexicon.Number);
        // Lines below "concept" give its words; lines below "rule" give its examples.
        string? concept = null;
        var underRule = false;
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var content = lines[number - 1].Trim();
            if (content.Length == 0 || content.StartsWith('#'))
                continue;
            FormatException Problem(string what) => new($"{name}:{number}: {what}");

            if (content.StartsWith("concept ", StringComparison.Ordinal))
            {
                // "concept NAME" or "concept NAME hides OTHER ..."
                var parts = content["concept ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                concept = parts.Length > 0 ? parts[0] : "";
                underRule = false;
                if (!IsConceptName(concept) || !concepts.Add(concept))
                    throw Problem($"'{concept}' is not a new concept name (capitals, digits and '-')");
                if (parts.Length > 1)
                {
                    if (parts[1] != "hides" || parts.Length == 2 || !parts.Skip(2).All(IsConceptName))
                        throw Problem("a concept line is 'concept NAME' or 'concept NAME hides OTHER ...'");
                    hides[concept] = parts[2..];
                }
            }
            else if (content.StartsWith("rule ", StringComparison.Ordinal))
            {
                var rule = ParseRule(content["rule ".Length..], number, Problem);
                if (rules.Any(r => r.Rule.Id == rule.Id))
                    throw Problem($"a rule '{rule.Id}' exists already");
                rules.Add((rule, []));
                underRule = true;
            }
            else if (content is ['+' or '-', ' ', ..] && underRule)
            {
                rules[^1].Examples.Add(new RuleExample(content[2..].Trim(), content[0] == '+', number));
            }
            else if (content is ['d', 'a', ':', ..] or ['e', 'n', ':', ..] && concept is not null && !underRule)
            {
                try
                {
                    entries.AddRange(Words(content[3..], content[..2]).Select(words => (concept, words)));
                }
                catch (FormatException e)
                {
                    throw Problem(e.Message);
                }
            }
            else
            {
                throw Problem("expected 'concept NAME', then its 'da:'/'en:' words, or 'rule id: terms', then examples starting '+ ' or '- '");
            }
        }

        var ids = new ConceptIds(concepts);
        var built = new List<Rule>();
        foreach (var (rule, examples) in rules)
        {
            var unknown = rule.Terms.SelectMany(t => t.Concepts).Concat(rule.Excluded).Concat(rule.ExcludedFromMessage).FirstOrDefault(c => !concepts.Contains(c));
            if (unknown is not null)
                throw new FormatException($"{name}:{rule.LineNumber}: rule '{rule.Id}' names unknown concept '{unknown}'");
            if (!examples.Any(e => e.MustMatch) || !examples.Any(e => !e.MustMatch))
                throw new FormatException($"{name}:{rule.LineNumber}: rule '{rule.Id}' needs a sentence it must match ('+ ') and one it must not ('- ')");
            built.Add((rule with { Examples = examples }).WithConceptIds(ids));
        }
        if (hides.SelectMany(h => h.Value).FirstOrDefault(c => !concepts.Contains(c)) is { } unknownHidden)
            throw new FormatException($"{name}: a concept hides unknown concept '{unknownHidden}'");
        foreach (var needed in new[] { ConceptLexicon.Negation, ConceptLexicon.Self, ConceptLexicon.Other })
        {
            if (!concepts.Contains(needed))
                throw new FormatException($"{name}: the concept {needed} is missing; the rules read negation and persons from it");
        }
        return new RuleBook(name, new ConceptLexicon(entries, hides), ids, built);
    }

    private static Rule ParseRule(string text, int number, Func<string, FormatException> problem)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw problem("a rule is 'rule id: terms'");
        var id = text[..colon].Trim();
        var terms = new List<RuleTerm>();
        var excluded = new List<string>();
        var excludedFromMessage = new List<string>();
        var window = Rule.DefaultWindow;
        var kind = SentenceKind.Any;
        var parts = text[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            switch (part)
            {
                case "within" when i + 1 < parts.Length && int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var words) && words > 0:
                    window = words;
                    i++;
                    continue;
                case "question":
                    kind = SentenceKind.Question;
                    continue;
                case "statement":
                    kind = SentenceKind.Statement;
                    continue;
                case ['-', '-', .. var name] when IsConceptName(name):
                    excludedFromMessage.Add(name);
                    continue;
                case ['-', .. var name] when IsConceptName(name):
                    excluded.Add(name);
                    continue;
            }
            var stance = part[0] switch { '~' => TermStance.Negated, '!' => TermStance.Affirmed, '^' => TermStance.OpensClause, _ => TermStance.Either };
            var body = stance == TermStance.Either ? part : part[1..];
            var endsClause = body.EndsWith('$');
            if (endsClause)
                body = body[..^1];
            var aboutSelf = body.EndsWith("@self", StringComparison.Ordinal);
            if (aboutSelf)
                body = body[..^"@self".Length];
            var names = body.Split('|');
            if (!names.All(IsConceptName))
                throw problem($"'{part}' is not a term: NAME, !NAME, ~NAME, ^NAME, -NAME, --NAME, A|B, NAME@self, NAME$, 'within N', 'question' or 'statement'");
            terms.Add(new RuleTerm(names, stance, aboutSelf, endsClause));
        }
        if (terms.Count == 0)
            throw problem($"rule '{id}' has no terms");
        return new Rule(id, terms, excluded, excludedFromMessage, window, kind, [], number);
    }

    /// <summary>The entries of one "da:" or "en:" line: words, and phrases in double quotes.</summary>
    private static IEnumerable<IReadOnlyList<WordPattern>> Words(string line, string language)
    {
        var entries = new List<IReadOnlyList<WordPattern>>();
        var rest = line.Trim();
        while (rest.Length > 0)
        {
            string written;
            if (rest[0] == '"')
            {
                var close = rest.IndexOf('"', 1);
                if (close < 0)
                    throw new FormatException("a phrase has no closing quote");
                written = rest[1..close];
                rest = rest[(close + 1)..].TrimStart();
            }
            else
            {
                var space = rest.IndexOf(' ');
                written = space < 0 ? rest : rest[..space];
                rest = space < 0 ? "" : rest[(space + 1)..].TrimStart();
            }
            // A phrase is typed with Danish letters or without them throughout: "skære i mig selv", "skare i mig selv".
            var words = written.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(word => WordPattern.Parse(word.ToLowerInvariant(), language).ToList()).ToList();
            if (words[0][0].IsAnyWord)
                throw new FormatException($"the phrase \"{written}\" starts with '_'; a phrase starts with a word");
            var spellings = words.Max(w => w.Count);
            for (var spelling = 0; spelling < spellings; spelling++)
                entries.Add([.. words.Select(w => w[Math.Min(spelling, w.Count - 1)])]);
        }
        return entries;
    }

    private static bool IsConceptName(string name) =>
        name.Length > 0 && name.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-');
}

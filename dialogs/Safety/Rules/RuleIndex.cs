namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>
/// The rules a window may meet, found from the concepts it holds: each rule is filed under the concepts of one of
/// the terms it needs, so a window that holds none of them is never tried against it. A message of three hundred
/// sentences is then checked against the few rules its concepts point to, not every rule in every window.
/// </summary>
internal sealed class RuleIndex
{
    private readonly List<int>[] rulesByConcept;

    public RuleIndex(IReadOnlyList<Rule> rules, ConceptIds ids)
    {
        rulesByConcept = [.. Enumerable.Range(0, ids.Count).Select(_ => new List<int>())];
        for (var r = 0; r < rules.Count; r++)
        {
            foreach (var concept in FiledUnder(rules[r]))
                rulesByConcept[ids[concept]].Add(r);
        }
    }

    /// <summary>The numbers of the rules that may meet a window holding these concepts, in file order.</summary>
    public SortedSet<int> Candidates(IEnumerable<ConceptSet> present)
    {
        var found = new SortedSet<int>();
        foreach (var set in present)
        {
            foreach (var concept in set.Ids())
                found.UnionWith(rulesByConcept[concept]);
        }
        return found;
    }

    /// <summary>
    /// The concepts of the term a rule is filed under: the one with fewest concepts, passing over terms of persons
    /// and negation, which most sentences hold.
    /// </summary>
    private static IReadOnlyList<string> FiledUnder(Rule rule) => rule.Terms
        .OrderBy(t => t.Concepts.Any(c => c is ConceptLexicon.Self or ConceptLexicon.Other or ConceptLexicon.Negation) ? 1 : 0)
        .ThenBy(t => t.Concepts.Count)
        .First().Concepts;
}

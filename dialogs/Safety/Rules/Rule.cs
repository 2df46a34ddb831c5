namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>How a term of a rule wants its concept to stand.</summary>
public enum TermStance
{
    /// <summary>Written "NAME": said either way, negated or not.</summary>
    Either,
    /// <summary>Written "!NAME": said, not negated ("jeg vil dø", not "jeg vil ikke dø").</summary>
    Affirmed,
    /// <summary>Written "~NAME": negated ("jeg vil ikke leve").</summary>
    Negated,
    /// <summary>Written "^NAME": opening its clause ("Tag en pause", "…, så ring til lægen").</summary>
    OpensClause,
}

/// <summary>
/// One term of a rule: one or more concepts (written "A|B"), how they must stand, with "@self" that the writer is
/// the one it is about ("jeg vil dø", not "min mor vil dø"), and with "$" that it ends its clause.
/// </summary>
public sealed record RuleTerm(IReadOnlyList<string> Concepts, TermStance Stance, bool AboutSelf, bool EndsClause)
{
    public bool Accepts(Occurrence occurrence) => Stance switch
    {
        TermStance.Affirmed => !occurrence.IsNegated,
        TermStance.Negated => occurrence.IsNegated,
        TermStance.OpensClause => occurrence.StartsClause,
        _ => true,
    } && (!AboutSelf || occurrence.SubjectIsSelf) && (!EndsClause || occurrence.EndsClause);
}

/// <summary>A sentence a rule must match (<see cref="MustMatch"/>) or must not.</summary>
public sealed record RuleExample(string Text, bool MustMatch, int LineNumber);

/// <summary>Which sentences a rule looks at.</summary>
public enum SentenceKind { Any, Question, Statement }

/// <summary>
/// One alternative of a detector, one line of its rules file: concepts that occur together within a few words
/// (<see cref="Window"/>) in a sentence or two neighbouring ones, concepts that must not occur in those sentences
/// ("-NAME"), and concepts that must not occur anywhere in the message ("--NAME": "…selvmordstanker. Det er seks år
/// siden.").
/// </summary>
public sealed record Rule(
    string Id,
    IReadOnlyList<RuleTerm> Terms,
    IReadOnlyList<string> Excluded,
    IReadOnlyList<string> ExcludedFromMessage,
    int Window,
    SentenceKind Sentences,
    IReadOnlyList<RuleExample> Examples,
    int LineNumber)
{
    /// <summary>Default: the concepts of a rule lie within 12 words of each other.</summary>
    public const int DefaultWindow = 12;

    /// <summary>The concepts of each term, and those excluded, as sets: set by the rule book once every concept is known.</summary>
    private (ConceptSet[] Terms, ConceptSet Excluded, ConceptSet ExcludedFromMessage)? sets;

    /// <summary>This rule with its concepts numbered as its rules file numbers them.</summary>
    public Rule WithConceptIds(ConceptIds ids) => this with
    {
        sets = ([.. Terms.Select(t => ConceptSet.Of(t.Concepts, ids))], ConceptSet.Of(Excluded, ids), ConceptSet.Of(ExcludedFromMessage, ids)),
    };

    /// <summary>True when the concepts found in a window of one or two sentences meet this rule.</summary>
    public bool Matches(Window window, ConceptSet inMessage)
    {
        if (Sentences != SentenceKind.Any && !window.AllAre(Sentences))
            return false;
        var (terms, excluded, excludedFromMessage) = sets ?? throw new InvalidOperationException($"Rule '{Id}' was not read by a rule book");
        // Most windows lack a concept the rule needs: that is cheap to see, without allocating, before anything is
        // collected. A long message has hundreds of windows for each rule.
        foreach (var term in terms)
        {
            if (!window.HasAny(term))
                return false;
        }
        if (inMessage.Overlaps(excludedFromMessage) || window.HasAny(excluded))
            return false;
        var candidates = new List<Occurrence>[Terms.Count];
        for (var t = 0; t < Terms.Count; t++)
        {
            candidates[t] = [.. Terms[t].Concepts.SelectMany(window.Of).Where(Terms[t].Accepts)];
            if (candidates[t].Count == 0)
                return false;
        }
        return Fits(candidates, 0, [], int.MaxValue, int.MinValue);
    }

    /// <summary>Picks one occurrence per term, all within the window; tries few combinations.</summary>
    private bool Fits(List<Occurrence>[] candidates, int term, List<Occurrence> chosen, int first, int last)
    {
        if (term == candidates.Length)
            return true;
        foreach (var occurrence in candidates[term])
        {
            var (start, end) = (Math.Min(first, occurrence.Start), Math.Max(last, occurrence.End));
            // Two terms may share words ("better off without me" is both the self and the burden), but one concept's
            // two terms need two places.
            if (end - start + 1 > Window || chosen.Any(c => c == occurrence || c.Concept == occurrence.Concept && c.Start <= occurrence.End && occurrence.Start <= c.End))
                continue;
            chosen.Add(occurrence);
            if (Fits(candidates, term + 1, chosen, start, end))
                return true;
            chosen.RemoveAt(chosen.Count - 1);
        }
        return false;
    }
}

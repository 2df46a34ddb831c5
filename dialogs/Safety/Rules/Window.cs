namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>
/// What a rule looks at: one sentence, or two neighbouring ones read as one ("Jeg har købt et reb. Det er til i
/// aften."), with the concepts found in them, positions counted across both.
/// </summary>
public sealed class Window
{
    private readonly SentenceConcepts first;
    private readonly SentenceConcepts? second;

    /// <summary>One sentence.</summary>
    public Window(SentenceConcepts sentence)
    {
        first = sentence;
    }

    /// <summary>Two neighbouring sentences; the second one's positions follow the first one's.</summary>
    public Window(SentenceConcepts first, SentenceConcepts second)
    {
        this.first = first;
        this.second = second;
    }

    /// <summary>Whether every sentence in the window is of this kind (asks, or states).</summary>
    public bool AllAre(SentenceKind kind) => first.Kind == kind && (second is null || second.Kind == kind);

    /// <summary>The concepts of each sentence in the window.</summary>
    public IEnumerable<ConceptSet> Present => second is null ? [first.Present] : [first.Present, second.Present];

    /// <summary>Whether any of these concepts occurs in the window.</summary>
    public bool HasAny(ConceptSet concepts) => first.Present.Overlaps(concepts) || second?.Present.Overlaps(concepts) == true;

    /// <summary>Where the concept occurs in the window. Only asked once a rule's cheap checks pass, so it may allocate.</summary>
    public IReadOnlyList<Occurrence> Of(string concept)
    {
        if (second is null || !second.Has(concept))
            return first.Of(concept);
        var offset = first.TokenCount + 1;
        return [.. first.Of(concept), .. second.Of(concept).Select(o => o with { Start = o.Start + offset, End = o.End + offset })];
    }
}

/// <summary>The concepts of one sentence, by name, read once and shared by every window it is part of.</summary>
public sealed class SentenceConcepts
{
    private static readonly List<Occurrence> None = [];
    private readonly Dictionary<string, List<Occurrence>> byConcept = new(StringComparer.Ordinal);

    public SentenceConcepts(IReadOnlyList<Occurrence> occurrences, int tokenCount, SentenceKind kind, ConceptIds ids)
    {
        TokenCount = tokenCount;
        Kind = kind;
        Present = ConceptSet.Of([occurrences], ids);
        foreach (var occurrence in occurrences)
        {
            if (!byConcept.TryGetValue(occurrence.Concept, out var list))
                byConcept[occurrence.Concept] = list = [];
            list.Add(occurrence);
        }
    }

    public int TokenCount { get; }

    public SentenceKind Kind { get; }

    public ConceptSet Present { get; }

    public bool Has(string concept) => byConcept.ContainsKey(concept);

    public IReadOnlyList<Occurrence> Of(string concept) => byConcept.GetValueOrDefault(concept) ?? None;
}

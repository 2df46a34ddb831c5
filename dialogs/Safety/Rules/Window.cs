namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>
/// What a rule looks at: one sentence, or two neighbouring ones read as one ("Jeg har købt et reb. Det er til i
/// aften."), with the concepts found in them, positions counted across both.
/// </summary>
public sealed class Window
{
    private readonly Dictionary<string, List<Occurrence>> byConcept = [];
    private static readonly List<Occurrence> None = [];

    public Window(IEnumerable<Occurrence> occurrences, IReadOnlyList<SentenceKind> kinds)
    {
        Kinds = kinds;
        foreach (var occurrence in occurrences)
        {
            if (!byConcept.TryGetValue(occurrence.Concept, out var list))
                byConcept[occurrence.Concept] = list = [];
            list.Add(occurrence);
        }
    }

    /// <summary>Whether each sentence in the window asks or states.</summary>
    public IReadOnlyList<SentenceKind> Kinds { get; }

    public IReadOnlyList<Occurrence> Of(string concept) => byConcept.GetValueOrDefault(concept) ?? None;

    public bool Has(string concept) => byConcept.ContainsKey(concept);
}

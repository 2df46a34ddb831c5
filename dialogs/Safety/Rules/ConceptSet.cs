namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>
/// Which of a rules file's concepts are present, one bit each. A long message has hundreds of sentences and a rules
/// file over a hundred rules; asking "does this window hold any of these concepts?" is then a few machine words
/// compared, not a dictionary lookup per concept.
/// </summary>
public sealed class ConceptSet
{
    private readonly ulong[] bits;

    private ConceptSet(int capacity) => bits = new ulong[(capacity + 63) / 64];

    /// <summary>The set of the named concepts, each numbered by <paramref name="ids"/>.</summary>
    public static ConceptSet Of(IEnumerable<string> concepts, ConceptIds ids)
    {
        var set = new ConceptSet(ids.Count);
        foreach (var concept in concepts)
            set.Add(ids[concept]);
        return set;
    }

    /// <summary>The concepts of occurrences (read from a sentence, or a whole message).</summary>
    public static ConceptSet Of(IEnumerable<IReadOnlyList<Occurrence>> found, ConceptIds ids)
    {
        var set = new ConceptSet(ids.Count);
        foreach (var occurrences in found)
        {
            for (var i = 0; i < occurrences.Count; i++)
                set.Add(ids[occurrences[i].Concept]);
        }
        return set;
    }

    public bool Overlaps(ConceptSet other)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            if ((bits[i] & other.bits[i]) != 0)
                return true;
        }
        return false;
    }

    /// <summary>The numbers of the concepts in the set, in order.</summary>
    public IEnumerable<int> Ids()
    {
        for (var i = 0; i < bits.Length; i++)
        {
            for (var word = bits[i]; word != 0; word &= word - 1)
                yield return i * 64 + System.Numerics.BitOperations.TrailingZeroCount(word);
        }
    }

    private void Add(int id) => bits[id / 64] |= 1UL << (id % 64);
}

/// <summary>A number for each concept of a rules file, in the order they are named.</summary>
public sealed class ConceptIds(IEnumerable<string> concepts)
{
    private readonly Dictionary<string, int> ids = concepts.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);

    public int Count => ids.Count;

    public int this[string concept] => ids[concept];
}

namespace PeerBot.Dialogs.Safety.Rules;

/// <summary>One slip of the keyboard: a letter missing, added, wrong, or two letters swapped.</summary>
public static class Typos
{
    public static bool WithinOne(string a, string b)
    {
        if (a == b)
            return true;
        if (Math.Abs(a.Length - b.Length) > 1)
            return false;
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
            start++;
        int endA = a.Length, endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }
        var (restA, restB) = (endA - start, endB - start);
        if (restA <= 1 && restB <= 1)
            return true;   // one added, missing or wrong letter
        return restA == 2 && restB == 2 && a[start] == b[start + 1] && a[start + 1] == b[start];
    }

    /// <summary>The word and every form of it with one letter left out: two words within one slip share one of these.</summary>
    public static IEnumerable<string> Deletions(string word)
    {
        yield return word;
        for (var i = 0; i < word.Length; i++)
            yield return word.Remove(i, 1);
    }
}

namespace PeerBot.Dialogs.Conversations;

/// <summary>A command a member can type: a global word ("pause") or a dialog's start words ("opret gruppe").</summary>
public sealed record Command(string Phrase, GlobalWord Global, DialogId? Dialog);

/// <summary>
/// A command the bot asked about ("Mente du …?") and waits for a yes or no to. <see cref="Answer"/> holds the message
/// when it was written where an answer was expected: a no gives it to the question after all.
/// </summary>
public sealed record DidYouMean(string Phrase, MemberText? Answer);

/// <summary>
/// Every command phrase, and the one a member probably meant when what they typed is a slip of the keyboard away from
/// it ("opret grupe", "slet mine dat", "mine refleksionr", "paamind mig"). A near miss is only ever asked about.
/// </summary>
public sealed class Commands
{
    /// <summary>Longer messages are sentences, not mistyped commands.</summary>
    private const int LongestNearMiss = 40;

    private readonly Dictionary<string, Command> byPhrase = [];

    /// <summary>Each phrase as <see cref="Fold"/> gives it, folded once.</summary>
    private readonly List<(string Folded, Command Command)> folded;

    public Commands(IEnumerable<IDialog> dialogs)
    {
        foreach (var (phrase, word) in Words.GlobalPhrases)
            byPhrase[phrase] = new Command(phrase, word, null);
        foreach (var dialog in dialogs)
        {
            foreach (var phrase in dialog.StartWords)
                byPhrase.TryAdd(phrase, new Command(phrase, GlobalWord.None, dialog.Id));
        }
        folded = [.. byPhrase.Values.Select(command => (Fold(command.Phrase), command))];
    }

    /// <summary>The command typed exactly (as <see cref="Words.Normalize"/> gives it), or null.</summary>
    public Command? Exact(string normal) => byPhrase.GetValueOrDefault(normal);

    /// <summary>The command a message is closest to, when it is not one exactly but a slip away from one; else null.</summary>
    public Command? Near(string normal)
    {
        if (normal.Length > LongestNearMiss || byPhrase.ContainsKey(normal) || Words.IsAnswerWord(normal))
            return null;
        var typed = Fold(normal);
        Command? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (phrase, command) in folded)
        {
            var allowed = command.Phrase.Length >= 10 ? 2 : command.Phrase.Length >= 5 ? 1 : 0;
            if (Math.Abs(phrase.Length - typed.Length) > allowed)
                continue;
            var distance = Distance(typed, phrase);
            if (distance <= allowed && distance < bestDistance)
                (best, bestDistance) = (command, distance);
        }
        return best;
    }

    /// <summary>Danish letters as people type them without a Danish keyboard: æ → ae, ø → oe, å → aa.</summary>
    private static string Fold(string text) => text.Replace("æ", "ae").Replace("ø", "oe").Replace("å", "aa");

    /// <summary>Letters added, left out, changed, or two neighbours swapped, counted.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}

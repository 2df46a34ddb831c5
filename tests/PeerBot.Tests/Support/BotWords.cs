namespace PeerBot.Tests.Support;

/// <summary>
/// The bot's own words in a reply: a reply that shows the member's answers back ("mine refleksioner", the statement
/// sheet) quotes them, and the member's words are theirs, not something the phrasing rules judge.
/// </summary>
public static class BotWords
{
    public static string Of(string reply, IEnumerable<string> memberTexts)
    {
        // Commands the bot names in its own lines ("mine statements") stay: only what reads as an answer is taken out.
        foreach (var said in memberTexts.Where(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3).OrderByDescending(t => t.Length))
            reply = reply.Replace(said.Trim(), "…", StringComparison.Ordinal);
        return reply;
    }
}

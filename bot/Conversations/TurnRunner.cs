using System.Diagnostics;
using PeerBot.Dialogs.Companion;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Conversations;

/// <summary>
/// Runs one member turn through the product and returns its replies. Both doors use it: /api/messages and the
/// terminal chat. Logs what kind of turn it was and which lines were said, never what anyone wrote.
/// </summary>
public sealed partial class TurnRunner(Companion companion, ILogger<TurnRunner> logger)
{
    public Task<IReadOnlyList<Reply>> RunAsync(Turn turn, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var replies = companion.Respond(turn);
        Log.TurnRan(logger, turn.Kind, turn.Place, turn.Language, replies.Count,
            string.Join(",", replies.Select(r => r.LineId)), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.FromResult(replies);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Turn {Kind} in {Place} ({Language}): {ReplyCount} replies [{LineIds}] in {ElapsedMs:F1} ms")]
        public static partial void TurnRan(ILogger logger, TurnKind kind, Place place, string language, int replyCount, string lineIds, double elapsedMs);
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Statements;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Conversations;

/// <summary>
/// Runs one member turn: load the conversation's state, let the dialog engine answer, save, and only then hand the
/// replies back. Both doors use it: /api/messages and the terminal chat. Turns of one conversation take turns in this
/// process; when another process saved first, the replies of this run are dropped and the turn runs again on the
/// new state, so nobody sees replies from a discarded run and no answer is lost. Logs what kind of turn it was and
/// which lines were said, never what anyone wrote.
/// </summary>
public sealed partial class TurnRunner(
    DialogEngine engine,
    ConversationStates states,
    ConversationRecords records,
    StatementDownloads downloads,
    ConversationLocks locks,
    ILogger<TurnRunner> logger)
{
    /// <summary>How many times a turn may run when it keeps losing save races to other processes.</summary>
    public const int MaxRuns = 10;

    /// <param name="conversationKey">the conversation's key in the store, "&lt;channel&gt;/&lt;conversation id&gt;"</param>
    /// <param name="turn">what the member did</param>
    /// <param name="cancellationToken">cancels waiting and storage calls</param>
    public async Task<IReadOnlyList<Reply>> RunAsync(string conversationKey, Turn turn, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var _ = await locks.AcquireAsync(conversationKey, cancellationToken);
        for (var run = 1; run <= MaxRuns; run++)
        {
            var loaded = await states.LoadAsync(conversationKey, cancellationToken);
            var result = await engine.RunAsync(loaded.State, turn);
            if (result.DeleteEverything)
            {
                await states.DeleteAsync(conversationKey, cancellationToken);
                await records.ForgetAsync(conversationKey, cancellationToken);
                await downloads.ForgetAsync(conversationKey, cancellationToken);
                Log.Deleted(logger);
                return result.Replies;
            }
            if (result.State == loaded.State || await states.TrySaveAsync(conversationKey, loaded, result.State, cancellationToken))
            {
                if (result.SafetyRule is { } rule)
                    Log.CrisisReply(logger, rule);
                Log.TurnRan(logger, turn.Kind, turn.Place, turn.Language, result.Replies.Count,
                    string.Join(",", result.Replies.Select(r => r.LineId)), run, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return await WithHostDataAsync(result.Replies, conversationKey, cancellationToken);
            }
            Log.SaveConflict(logger, run);
            // Two hosts taking turns on one busy conversation can keep beating each other; a short random wait breaks the tie.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10) * run), cancellationToken);
        }
        throw new InvalidOperationException($"The conversation's state kept changing under {MaxRuns} runs of one turn");
    }

    /// <summary>An export holds everything about the member, so the host adds what it keeps: how to reach the chat.</summary>
    private async Task<IReadOnlyList<Reply>> WithHostDataAsync(IReadOnlyList<Reply> replies, string conversationKey, CancellationToken cancellationToken)
    {
        if (!replies.Any(r => r is DataExport))
            return replies;
        var record = await records.FindAsync(conversationKey, cancellationToken);
        return [.. replies.Select(reply => reply is DataExport export
            ? export with { Json = WithRecord(export.Json, record) }
            : reply)];
    }

    private static string WithRecord(string json, ConversationRecord? record)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document["conversationRecord"] = record is null ? null : JsonSerializer.SerializeToNode(record, WireJson.Options);
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static partial class Log
    {
        [LoggerMessage(3004, LogLevel.Information, "Deleted everything held about a member, on their request")]
        public static partial void Deleted(ILogger logger);

        [LoggerMessage(3001, LogLevel.Information, "Turn {Kind} in {Place} ({Language}): {ReplyCount} replies [{LineIds}] after {Runs} run(s) in {ElapsedMs:F1} ms")]
        public static partial void TurnRan(ILogger logger, TurnKind kind, Place place, string language, int replyCount, string lineIds, int runs, double elapsedMs);

        [LoggerMessage(3003, LogLevel.Information, "Crisis reply sent (rule {Rule})")]
        public static partial void CrisisReply(ILogger logger, string rule);

        [LoggerMessage(3002, LogLevel.Information, "Another process saved this conversation first; running the turn again (run {Run})")]
        public static partial void SaveConflict(ILogger logger, int run);
    }
}

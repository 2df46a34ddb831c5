using System.Diagnostics;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Conversations;

/// <summary>What a turn's replies become on the wire: the messages to post, in order (ids and times are the runner's).</summary>
public delegate Task<IReadOnlyList<OutboxItem>> ReplyAddressing(IReadOnlyList<Reply> replies, CancellationToken cancellationToken);

/// <summary>The replies of a turn; none when it was a turn delivered again (<see cref="IsReplay"/>), which does not run twice.</summary>
public sealed record TurnOutcome(IReadOnlyList<Reply> Replies, bool IsReplay);

/// <summary>
/// Runs one member turn: load the conversation's document, let the dialog engine answer, save the new state together
/// with the turn's id, its group changes and its messages, and only then make the changes and send the messages. Both
/// doors use it: /api/messages and the scheduler (with addressing, through the outbox), and the terminal chat
/// (without: it shows the replies itself).
/// <list type="bullet">
/// <item>Turns of one conversation take turns in this process, and its messages go out before the next turn runs, so
/// replies keep the order of the turns.</item>
/// <item>When another process saved first, this run is dropped, changes and messages and all, and the turn runs again
/// on the new state.</item>
/// <item>A turn whose id was saved already (Teams delivered it again, to this or another instance) does not run; what it
/// left unfinished (changes, messages) is finished.</item>
/// </list>
/// Logs what kind of turn it was and which lines were said, never what anyone wrote.
/// </summary>
public sealed partial class TurnRunner(
    DialogEngine engine,
    ConversationStates states,
    MemberData memberData,
    ConversationLocks locks,
    GroupChanges groupChanges,
    ILogger<TurnRunner> logger,
    Outbox? outbox = null)
{
    /// <summary>How many times a turn may run when it keeps losing save races to other processes.</summary>
    public const int MaxRuns = 10;

    /// <param name="conversationKey">the conversation's key in the store, "&lt;channel&gt;/&lt;conversation id&gt;"</param>
    /// <param name="turn">what the member did</param>
    /// <param name="addressing">how replies become messages; null: the caller shows the replies, nothing is sent</param>
    /// <param name="cancellationToken">cancels waiting and storage calls</param>
    public async Task<TurnOutcome> RunAsync(string conversationKey, Turn turn, ReplyAddressing? addressing, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var _ = await locks.AcquireAsync(conversationKey, cancellationToken);
        // Messages need an id even when the turn has none (the terminal chat); such a turn is never recognised again.
        var turnId = turn.Id ?? "local-" + Guid.NewGuid().ToString("N");
        for (var run = 1; run <= MaxRuns; run++)
        {
            var loaded = await states.LoadAsync(conversationKey, cancellationToken);
            if (loaded.Document.HasRun(turn.Id))
            {
                Log.Replay(logger, turn.Kind);
                // What the first delivery saved and has not finished (a stop in between) is finished now.
                if (outbox is not null)
                    await outbox.FinishAsync(conversationKey, loaded, turnCame: false, cancellationToken);
                return new TurnOutcome([], IsReplay: true);
            }
            // Changes a stopped process saved and may not have made, so that this turn reads the groups as they are;
            // made twice, they change nothing. This turn's save lets them go.
            await groupChanges.MakeAsync(loaded.Document.Changes, cancellationToken);

            var result = await engine.RunAsync(loaded.State, turn);
            var replies = await WithEveryStoreAsync(result.Replies, new MemberRef(turn.Member, conversationKey), cancellationToken);
            var messages = addressing is null || replies.Count == 0 || outbox is null
                ? []
                : outbox.Queue(turnId, await addressing(replies, cancellationToken));
            var produced = result.State != loaded.State || !messages.IsEmpty || result.Changes.Count > 0 || result.DeleteEverything;
            if (!produced && loaded.Document.Changes.IsEmpty)
                return Ran(turn, result, replies, run, started);

            // Only a turn that did something is remembered: a scheduled turn that found the member paused runs again.
            var document = (loaded.Document with
            {
                State = result.State,
                Changes = [.. result.Changes],
                ChangesTurn = result.Changes.Count > 0 ? turnId : null,
                Outbox = loaded.Document.Outbox.AddRange(messages),
                Erased = result.DeleteEverything,
            }).WithTurn(produced ? turn.Id : null);
            if (await states.TrySaveAsync(conversationKey, loaded, document, cancellationToken) is not { } saved)
            {
                Log.SaveConflict(logger, run);
                // Two hosts taking turns on one busy conversation can keep beating each other; a short random wait breaks the tie.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10) * run), cancellationToken);
                continue;
            }

            if (outbox is null)
                await MakeChangesAsync(conversationKey, saved, cancellationToken);
            else
                await outbox.FinishAsync(conversationKey, saved, turnCame: true, cancellationToken);
            if (result.DeleteEverything)
            {
                // Every store, the groups included; the reply saying so is out already or still waits in the outbox.
                await memberData.EraseAsync(new MemberRef(turn.Member, conversationKey), cancellationToken);
                Log.Deleted(logger);
            }
            return Ran(turn, result, replies, run, started);
        }
        throw new InvalidOperationException($"The conversation's state kept changing under {MaxRuns} runs of one turn");
    }

    /// <summary>Without an outbox (the terminal chat), the changes are made here and leave the document, and an erased one goes.</summary>
    private async Task MakeChangesAsync(string conversationKey, LoadedState saved, CancellationToken cancellationToken)
    {
        var made = await groupChanges.MakeAsync(saved.Document.Changes, cancellationToken);
        if (saved.Document.Erased)
            await states.DeleteAsync(conversationKey, cancellationToken);
        else if (!saved.Document.Changes.IsEmpty && made)
            await states.TrySaveAsync(conversationKey, saved, saved.Document with { Changes = [], ChangesTurn = null }, cancellationToken);
    }

    private TurnOutcome Ran(Turn turn, TurnResult result, IReadOnlyList<Reply> replies, int run, long started)
    {
        if (result.SafetyRule is { } rule)
            Log.CrisisReply(logger, rule);
        Log.TurnRan(logger, turn.Kind, turn.Place, turn.Language, replies.Count,
            string.Join(",", replies.Select(r => r.LineId)), run, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new TurnOutcome(replies, IsReplay: false);
    }

    /// <summary>An export holds everything about the member, so every store adds what it keeps (<see cref="MemberData"/>).</summary>
    private async Task<IReadOnlyList<Reply>> WithEveryStoreAsync(IReadOnlyList<Reply> replies, MemberRef member, CancellationToken cancellationToken)
    {
        var result = new List<Reply>(replies.Count);
        foreach (var reply in replies)
            result.Add(reply is DataExport export ? export with { Json = await memberData.ExportAsync(export.Json, member, cancellationToken) } : reply);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(3004, LogLevel.Information, "Deleted everything held about a member, on their request")]
        public static partial void Deleted(ILogger logger);

        [LoggerMessage(3001, LogLevel.Information, "Turn {Kind} in {Place} ({Language}): {ReplyCount} replies [{LineIds}] after {Runs} run(s) in {ElapsedMs:F1} ms")]
        public static partial void TurnRan(ILogger logger, TurnKind kind, Place place, string language, int replyCount, string lineIds, int runs, double elapsedMs);

        [LoggerMessage(3003, LogLevel.Information, "Crisis reply sent (rule {Rule})")]
        public static partial void CrisisReply(ILogger logger, string rule);

        [LoggerMessage(3005, LogLevel.Information, "Turn {Kind} was delivered again; it ran before and does not run twice")]
        public static partial void Replay(ILogger logger, TurnKind kind);

        [LoggerMessage(3002, LogLevel.Information, "Another process saved this conversation first; running the turn again (run {Run})")]
        public static partial void SaveConflict(ILogger logger, int run);
    }
}

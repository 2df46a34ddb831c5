using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;

namespace PeerBot.Bot.Delivery;

/// <summary>How the outbox tries again. Configuration section "PeerBot:Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// How long the instance that made (or took) a message has it to itself before another may send it: longer than
    /// one send can take with its retries and timeouts. Default: 2 minutes on Azure Blob storage (several instances);
    /// none on SQLite, which one instance owns.
    /// </summary>
    public TimeSpan? HoldFor { get; set; }

    /// <summary><see cref="HoldFor"/>, or 2 minutes when nobody set it.</summary>
    public TimeSpan Hold => HoldFor ?? TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed try; it doubles after each, with jitter. Default: 2 seconds.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two tries. Default: 5 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A message not delivered this long after it was made is given up, with a log line. Default: 24 hours.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the outbox looks for messages left behind (a failed try, or an instance that stopped). Default: 5 seconds.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Delivers the messages kept in a conversation's document, in order. A turn saves its replies there with its
/// state, then hands them here at once; what cannot go now stays, and <see cref="OutboxSweeper"/> tries again. Sent
/// messages leave the document; so do messages the connector refuses for good (400, 401, 403, 404), and after a 403 or
/// a 404 to a message the bot started, the member is marked unreachable. On a failure where the message may have
/// arrived (the connection broke, no answer in time), it is sent again: a member may see a message twice, but never
/// misses one (a crisis reply above all).
/// <para>
/// A conversation saved with messages waiting is flagged so in the store, in the same write; the sweeper reads only
/// those, so a message whose instance stopped between saving and sending is found without reading every conversation.
/// </para>
/// </summary>
public sealed partial class Outbox(
    ConversationStates states,
    ConnectorClient connector,
    ConversationRecords records,
    GroupChanges groupChanges,
    IOptions<OutboxOptions> options,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time,
    ILogger<Outbox> logger)
{
    /// <summary>This process, as the holder of the messages it makes or takes.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>A turn's messages, numbered in order, held by this instance, to be tried at once.</summary>
    public ImmutableList<OutboxItem> Queue(string turnId, IEnumerable<OutboxItem> messages)
    {
        var now = time.GetUtcNow();
        return [.. messages.Select((message, n) => message with
        {
            Id = $"{turnId}#{n}", CreatedUtc = now, NextTryUtc = now, HeldBy = Instance, HeldUntilUtc = now + options.Value.Hold,
        })];
    }

    /// <summary>
    /// Finishes what a saved document holds: makes its group changes, then sends its messages in order, stopping at
    /// the first that must wait (for its next try, or because another instance holds it), so that none overtakes an
    /// earlier one. Records what happened in the document, and returns it as saved.
    /// </summary>
    /// <param name="conversationKey">the conversation</param>
    /// <param name="saved">its document as just saved or read</param>
    /// <param name="turnCame">
    /// a member's turn just came: messages waiting for their next try go now (the connector may be back)
    /// </param>
    /// <param name="cancellationToken">cancels sending; what was sent is recorded all the same</param>
    public async Task<LoadedState> FinishAsync(string conversationKey, LoadedState saved, bool turnCame, CancellationToken cancellationToken)
    {
        var changesMade = await groupChanges.MakeAsync(saved.Document.Changes, cancellationToken);
        var outcomes = new Dictionary<string, OutboxItem?>();
        try
        {
            await SendInOrderAsync(conversationKey, saved.Document.Outbox, turnCame, outcomes, cancellationToken);
        }
        finally
        {
            // Whatever was sent leaves the outbox, even when sending stopped half-way.
            saved = await RecordAsync(conversationKey, saved, outcomes, changesMade ? saved.Document.ChangesTurn : null, CancellationToken.None);
        }
        return saved;
    }

    private async Task SendInOrderAsync(
        string conversationKey, IReadOnlyList<OutboxItem> outbox, bool turnCame, Dictionary<string, OutboxItem?> outcomes, CancellationToken cancellationToken)
    {
        foreach (var queued in outbox)
        {
            var now = time.GetUtcNow();
            if (queued.IsHeldByOtherThan(Instance, now) || (queued.NextTryUtc > now && !(turnCame && queued.Attempts > 0)))
                break;
            if (now - queued.CreatedUtc > options.Value.GiveUpAfter)
            {
                Log.GaveUp(logger, queued.LineId, queued.Attempts);
                outcomes[queued.Id] = null;
                continue;
            }
            var item = queued;
            var result = await SendAsync(item, cancellationToken);
            if (result.Outcome == ConnectorOutcome.ActivityNotFound && item.ReplyToId is not null)
            {
                // The message it answered is gone: it goes to the conversation instead.
                item = item with { ReplyToId = null };
                result = await SendAsync(item, cancellationToken);
            }
            if (result.Succeeded)
            {
                outcomes[item.Id] = null;
                continue;
            }
            if (result.Outcome == ConnectorOutcome.Unavailable)
            {
                var wait = result.RetryAfter ?? Backoff(item.Attempts);
                outcomes[item.Id] = item with { Attempts = item.Attempts + 1, NextTryUtc = time.GetUtcNow() + wait };
                Log.WillRetry(logger, item.LineId, item.Attempts + 1, wait.TotalSeconds, result.Status, result.IsAmbiguous);
                return;
            }
            Log.Refused(logger, item.LineId, result.Status, result.Outcome);
            outcomes[item.Id] = null;
            if (result.Outcome is ConnectorOutcome.Blocked or ConnectorOutcome.NotInstalled
                || (result.Outcome == ConnectorOutcome.ConversationNotFound && item.IsProactive))
            {
                // Nothing more can reach this conversation until the member writes again.
                await records.MarkUnreachableAsync(conversationKey, cancellationToken);
                foreach (var waiting in outbox)
                    outcomes[waiting.Id] = null;
                return;
            }
        }
    }

    /// <summary>
    /// Puts one message the bot starts by itself (not a turn's reply) in the conversation's outbox and sends it. The
    /// caller holds the conversation's lock.
    /// </summary>
    public async Task SendAsync(string conversationKey, OutboxItem message, CancellationToken cancellationToken)
    {
        var queued = Queue("message-" + Guid.NewGuid().ToString("N"), [message]);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var loaded = await states.LoadAsync(conversationKey, cancellationToken);
            if (await states.TrySaveAsync(conversationKey, loaded, loaded.Document with { Outbox = loaded.Document.Outbox.AddRange(queued) }, cancellationToken) is { } saved)
            {
                await FinishAsync(conversationKey, saved, turnCame: false, cancellationToken);
                return;
            }
        }
        throw new InvalidOperationException("The conversation kept changing under 8 attempts to queue a message");
    }

    /// <summary>
    /// One pass over the conversations saved with messages waiting: for each one with messages whose time has come,
    /// takes them (so that no other instance sends them meanwhile) and sends them. A conversation that fails is
    /// logged and the pass goes on.
    /// </summary>
    /// <param name="lockConversation">takes the conversation's lock in this process</param>
    /// <param name="afterStart">
    /// the first pass after this instance started: on a store one instance owns, messages waiting for their next try
    /// are tried at once (the stop may have been the trouble)
    /// </param>
    /// <param name="cancellationToken">cancels the pass</param>
    public async Task SweepAsync(Func<string, CancellationToken, Task<IDisposable>> lockConversation, bool afterStart, CancellationToken cancellationToken)
    {
        var retryNow = afterStart && options.Value.Hold == TimeSpan.Zero;
        foreach (var conversationKey in await states.WithMessagesWaitingAsync(cancellationToken))
        {
            try
            {
                using var _ = await lockConversation(conversationKey, cancellationToken);
                var loaded = await states.LoadAsync(conversationKey, cancellationToken);
                if (await TakeDueAsync(conversationKey, loaded, retryNow, cancellationToken) is { } taken)
                    await FinishAsync(conversationKey, taken, turnCame: false, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SweepFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Takes the messages whose time has come and that no other instance holds, by saving them held by this instance;
    /// null when none is due, or when another instance saved first (and so may be sending them).
    /// </summary>
    private async Task<LoadedState?> TakeDueAsync(string conversationKey, LoadedState loaded, bool retryNow, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = loaded.Document.Outbox
            .TakeWhile(item => !item.IsHeldByOtherThan(Instance, now) && (item.NextTryUtc <= now || retryNow))
            .Select(item => item.Id)
            .ToHashSet();
        if (due.Count == 0)
            return null;
        var holdUntil = now + options.Value.Hold;
        var outbox = loaded.Document.Outbox
            .Select(item => due.Contains(item.Id) ? item with { HeldBy = Instance, HeldUntilUtc = holdUntil, NextTryUtc = now } : item)
            .ToImmutableList();
        return await states.TrySaveAsync(conversationKey, loaded, loaded.Document with { Outbox = outbox }, cancellationToken);
    }

    /// <summary>
    /// Saves the outcomes (null: the message is gone) on the latest version of the document, and lets the group
    /// changes of <paramref name="changesTurn"/> go, now that they are made.
    /// </summary>
    private async Task<LoadedState> RecordAsync(
        string conversationKey, LoadedState saved, Dictionary<string, OutboxItem?> outcomes, string? changesTurn, CancellationToken cancellationToken)
    {
        var loaded = saved;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var document = loaded.Document;
            var outbox = document.Outbox
                .Select(item => outcomes.TryGetValue(item.Id, out var outcome) ? outcome : item)
                .OfType<OutboxItem>()
                .ToImmutableList();
            if (document.Erased && outbox.IsEmpty)
            {
                // The member asked for everything to go, and the last word has been said.
                await states.DeleteAsync(conversationKey, cancellationToken);
                return new LoadedState(ConversationDocument.New, null);
            }
            var clearChanges = !document.Changes.IsEmpty && changesTurn is not null && document.ChangesTurn == changesTurn;
            if (outcomes.Count == 0 && !clearChanges)
                return loaded;
            var recorded = clearChanges ? document with { Outbox = outbox, Changes = [], ChangesTurn = null } : document with { Outbox = outbox };
            if (await states.TrySaveAsync(conversationKey, loaded, recorded, cancellationToken) is { } written)
                return written;
            loaded = await states.LoadAsync(conversationKey, cancellationToken);
        }
        // Still in the document: sent again by the sweeper, at worst a duplicate.
        return loaded;
    }

    /// <summary>One try; an exception (the token could not be had, say) counts as a failure worth trying again.</summary>
    private async Task<ConnectorResult> SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.PostActivityAsync(item.ServiceUrl, item.ConversationId, item.ReplyToId, item.Activity, item.TenantId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SendFailed(logger, item.LineId, e.GetType().Name);
            return new ConnectorResult(ConnectorOutcome.Unavailable, 0, null, null) { IsAmbiguous = true };
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var doubled = settings.FirstRetryAfter * Math.Pow(2, Math.Min(attempts, 20));
        var capped = doubled < settings.MaxRetryAfter ? doubled : settings.MaxRetryAfter;
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Warning, "Message {LineId} not delivered (try {Attempt}, status {Status}, may have arrived: {Ambiguous}); next try in {Seconds:F1} s")]
        public static partial void WillRetry(ILogger logger, string lineId, int attempt, double seconds, int status, bool ambiguous);

        [LoggerMessage(2102, LogLevel.Warning, "Message {LineId} refused by the connector ({Status}, {Outcome}); not tried again")]
        public static partial void Refused(ILogger logger, string lineId, int status, ConnectorOutcome outcome);

        [LoggerMessage(2103, LogLevel.Error, "Message {LineId} given up after {Attempts} tries")]
        public static partial void GaveUp(ILogger logger, string lineId, int attempts);

        [LoggerMessage(2104, LogLevel.Warning, "Message {LineId} could not be sent: {Error}")]
        public static partial void SendFailed(ILogger logger, string lineId, string error);

        [LoggerMessage(2105, LogLevel.Error, "Outbox sweep of a conversation failed: {Error}")]
        public static partial void SweepFailed(ILogger logger, string error);
    }
}

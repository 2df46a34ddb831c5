using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Delivery;

/// <summary>
/// Teams' rate limits (protocol.md §5), as configuration section "PeerBot:SendLimits". A limit is "at most N sends in
/// any window of T"; the defaults are Teams' documented ones, with a small margin on the window for the time between
/// the bot's clock and the connector's.
/// </summary>
public sealed class SendLimitOptions
{
    /// <summary>Per app per tenant. Default: 50 in 1.01 s.</summary>
    public List<SendLimit> PerTenant { get; set; } = [new(50, TimeSpan.FromSeconds(1.01))];

    /// <summary>Per conversation (a 1:1 chat, group chat or channel). Default: 7 in 1 s, 8 in 2 s, 60 in 30 s (each window +1%).</summary>
    public List<SendLimit> PerConversation { get; set; } =
        [new(7, TimeSpan.FromSeconds(1.01)), new(8, TimeSpan.FromSeconds(2.02)), new(60, TimeSpan.FromSeconds(30.3))];
}

public sealed record SendLimit(int Count, TimeSpan Window);

/// <summary>
/// Holds each send back until it fits every limit of its conversation and of its tenant, and after a 429 holds every
/// send to that tenant (or conversation) until the connector's Retry-After has passed. A send waits its turn in the
/// conversation first, so a busy conversation does not block other conversations' sends in the tenant's queue.
/// </summary>
public sealed class SendPacer(IOptions<SendLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SendWindow> tenants = new();
    private readonly ConcurrentDictionary<string, SendWindow> conversations = new();
    private int sendsSinceCleanUp;

    public async Task WaitAsync(string? tenantId, string conversationId, CancellationToken cancellationToken)
    {
        ForgetIdleConversations();
        // No context to come back to: a send goes the moment it is let through, not when a busy context gets to it.
        await conversations.GetOrAdd(conversationId, _ => new SendWindow(options.Value.PerConversation, time)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await tenants.GetOrAdd(tenantId ?? "", _ => new SendWindow(options.Value.PerTenant, time)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connector answered 429: nothing more goes to the tenant, nor to the conversation, before <paramref name="wait"/> has passed.</summary>
    public void BackOff(string? tenantId, string conversationId, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        tenants.GetOrAdd(tenantId ?? "", _ => new SendWindow(options.Value.PerTenant, time)).PauseUntil(until);
        conversations.GetOrAdd(conversationId, _ => new SendWindow(options.Value.PerConversation, time)).PauseUntil(until);
    }

    /// <summary>
    /// A conversation's window is dropped once its longest limit (and any pause) has passed since its last send; looked
    /// for every 10,000 sends once there are that many conversations.
    /// </summary>
    private void ForgetIdleConversations()
    {
        if (conversations.Count < 10_000 || Interlocked.Increment(ref sendsSinceCleanUp) % 10_000 != 0)
            return;
        var now = time.GetUtcNow();
        foreach (var (id, window) in conversations)
        {
            if (window.IsIdleAt(now))
                conversations.TryRemove(id, out _);
        }
    }

    /// <summary>The times of the latest sends, enough to check every limit; one send decides at a time.</summary>
    private sealed class SendWindow(IReadOnlyList<SendLimit> limits, TimeProvider time)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly DateTimeOffset[] sent = new DateTimeOffset[limits.Max(l => l.Count)];
        private readonly TimeSpan longest = limits.Max(l => l.Window);
        private int count;
        private DateTimeOffset pausedUntil;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (Wait(time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                sent[count++ % sent.Length] = time.GetUtcNow();
            }
            finally
            {
                gate.Release();
            }
        }

        public void PauseUntil(DateTimeOffset until)
        {
            lock (sent)
            {
                if (until > pausedUntil)
                    pausedUntil = until;
            }
        }

        public bool IsIdleAt(DateTimeOffset now)
        {
            lock (sent)
                return now > pausedUntil && (count == 0 || now - sent[(count - 1) % sent.Length] > longest);
        }

        /// <summary>How long until one more send keeps every limit.</summary>
        private TimeSpan Wait(DateTimeOffset now)
        {
            TimeSpan wait;
            lock (sent)
                wait = pausedUntil - now;
            foreach (var limit in limits)
            {
                // The send limit.Count places back must be a whole window old.
                if (count >= limit.Count && sent[(count - limit.Count) % sent.Length] + limit.Window - now is var untilFree && untilFree > wait)
                    wait = untilFree;
            }
            return wait;
        }
    }
}

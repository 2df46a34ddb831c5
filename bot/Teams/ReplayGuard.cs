using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Teams delivers a slow request again (protocol.md §2.4). The first delivery of (channel, conversation, activity id)
/// runs the turn; a repeat within the replay window does not, and an invoke gets the first answer again. A delivery
/// that failed is forgotten, so its retry runs.
/// </summary>
public sealed class ReplayGuard(IOptions<PeerBotOptions> options) : IDisposable
{
    // Bounded, so a flood of distinct ids cannot grow memory without limit; past the bound, ids are simply not remembered.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly Lock gate = new();

    public void Dispose() => cache.Dispose();

    public async Task<(InvokeResponse? Response, bool IsReplay)> RunOnceAsync(Activity activity, Func<Task<InvokeResponse?>> run)
    {
        if (string.IsNullOrEmpty(activity.Id))
            return (await run(), false);

        var key = (nameof(ReplayGuard), activity.ChannelId, activity.Conversation?.Id, activity.Id);
        var isReplay = true;
        Lazy<Task<InvokeResponse?>> first;
        // GetOrCreate alone lets two simultaneous deliveries both create; the lock makes the first one win. The
        // turn itself runs outside the lock, through the Lazy.
        lock (gate)
        {
            first = cache.GetOrCreate(key, entry =>
            {
                isReplay = false;
                entry.AbsoluteExpirationRelativeToNow = options.Value.ReplayWindow;
                entry.Size = 1;
                return new Lazy<Task<InvokeResponse?>>(run);
            })!;
        }
        try
        {
            return (await first.Value, isReplay);
        }
        catch
        {
            cache.Remove(key);
            throw;
        }
    }
}

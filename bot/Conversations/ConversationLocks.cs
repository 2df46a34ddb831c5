namespace PeerBot.Bot.Conversations;

/// <summary>
/// One turn at a time per conversation in this process (a double click or fast messages arrive together). Across
/// processes the store's version check takes over. Locks are dropped when nobody holds or waits for them.
/// </summary>
public sealed class ConversationLocks
{
    private readonly Dictionary<string, Entry> entries = [];

    public async Task<IDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(conversationKey, out entry!))
                entries[conversationKey] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(conversationKey, entry, release: false);
            throw;
        }
        return new Releaser(() => Leave(conversationKey, entry, release: true));
    }

    private void Leave(string conversationKey, Entry entry, bool release)
    {
        lock (entries)
        {
            if (release)
                entry.Gate.Release();
            if (--entry.Users == 0)
                entries.Remove(conversationKey);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? release = release;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
    }
}

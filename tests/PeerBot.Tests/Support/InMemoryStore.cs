using System.Collections.Concurrent;
using PeerBot.Bot.Storage;

namespace PeerBot.Tests.Support;

/// <summary>
/// The store in memory, for unit tests only. <see cref="BeforeWrite"/> lets a test act as another process that
/// writes just before this one does.
/// </summary>
public sealed class InMemoryStore : IStore
{
    private readonly ConcurrentDictionary<string, StoredItem> items = new();
    private readonly ConcurrentDictionary<string, bool> withWork = new();
    private int version;

    public Func<string, Task>? BeforeWrite { get; set; }

    public Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(items.GetValueOrDefault(key));

    public Task<string?> TryWriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
        TryWriteAsync(key, json, expectedETag, hasWork: false, cancellationToken);

    public async Task<string?> TryWriteAsync(string key, string json, string? expectedETag, bool hasWork, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } hook)
        {
            BeforeWrite = null;
            await hook(key);
        }
        var etag = Interlocked.Increment(ref version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var item = new StoredItem(json, etag);
        lock (items)
        {
            var current = items.GetValueOrDefault(key);
            if (current?.ETag != expectedETag)
                return null;
            items[key] = item;
            withWork[key] = hasWork;
        }
        return etag;
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))]);

    public Task<IReadOnlyList<string>> ListWithWorkAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. withWork.Where(w => w.Value && w.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(w => w.Key)]);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        items.TryRemove(key, out _);
        withWork.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

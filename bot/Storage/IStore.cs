namespace PeerBot.Bot.Storage;

/// <summary>A stored JSON document and its version tag.</summary>
public sealed record StoredItem(string Json, string ETag);

/// <summary>
/// Key-value storage of JSON documents with optimistic concurrency: every write names the version it read, and
/// fails (returns null) when someone else wrote in between.
/// </summary>
public interface IStore
{
    Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes when the stored version still is <paramref name="expectedETag"/> (null: only when nothing is stored
    /// yet). Returns the new version, or null on a conflict.
    /// </summary>
    Task<string?> TryWriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
        TryWriteAsync(key, json, expectedETag, hasWork: false, cancellationToken);

    /// <summary>
    /// As above, and flags the item, in the same write, as holding work still to do (messages not yet sent), so that
    /// <see cref="ListWithWorkAsync"/> finds it without reading every item.
    /// </summary>
    Task<string?> TryWriteAsync(string key, string json, string? expectedETag, bool hasWork, CancellationToken cancellationToken);

    /// <summary>The keys starting with <paramref name="prefix"/> whose last write flagged work still to do.</summary>
    Task<IReadOnlyList<string>> ListWithWorkAsync(string prefix, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key that starts with <paramref name="prefix"/>, in no particular order.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken);
}

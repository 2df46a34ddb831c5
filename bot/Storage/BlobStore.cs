using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PeerBot.Bot.Storage;

/// <summary>
/// The scale-out store: one blob per key in an Azure Blob Storage container. Azure's own ETags carry the version
/// check (If-Match to update, If-None-Match: * to create), so several bot instances can share it. Work still to do is
/// a blob index tag set in the same upload, found with Find Blobs by Tags (the index follows writes within seconds).
/// </summary>
public sealed class BlobStore(BlobContainerClient container) : IStore
{
    public async Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(key).DownloadContentAsync(cancellationToken);
            return new StoredItem(download.Value.Content.ToString(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private const string WorkTag = "haswork";

    public async Task<string?> TryWriteAsync(string key, string json, string? expectedETag, bool hasWork, CancellationToken cancellationToken)
    {
        var conditions = expectedETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };
        try
        {
            var written = await container.GetBlobClient(key).UploadAsync(
                BinaryData.FromString(json),
                new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Tags = new Dictionary<string, string> { [WorkTag] = hasWork ? "1" : "0" },
                },
                cancellationToken);
            return written.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await container.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<string>> ListWithWorkAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var blob in container.FindBlobsByTagsAsync($"\"{WorkTag}\" = '1'", cancellationToken))
        {
            if (blob.BlobName.StartsWith(prefix, StringComparison.Ordinal))
                keys.Add(blob.BlobName);
        }
        return keys;
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            keys.Add(blob.Name);
        return keys;
    }
}

using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace PeerBot.Bot.Scheduling;

/// <summary>
/// Which instance runs the schedules (weekly invitations, retention). On SQLite there is one instance and it always
/// does; on Azure Blob storage the instances share a blob lease, so one does at a time and another takes over within
/// <see cref="BlobLeadership.LeaseFor"/> when it stops.
/// </summary>
public interface ILeadership
{
    /// <summary>True while this instance holds the schedules; asked again during a long pass, which keeps the lease.</summary>
    Task<bool> IsLeaderAsync(CancellationToken cancellationToken);
}

/// <summary>The only instance: always the one that runs the schedules.</summary>
public sealed class SingleInstance : ILeadership
{
    public Task<bool> IsLeaderAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>
/// A lease on the blob "leases/scheduler": taken for <see cref="LeaseFor"/>, renewed when asked after a third of that
/// has passed, released when the instance stops. An instance that dies loses it when it runs out, and the next
/// instance to ask takes it.
/// </summary>
public sealed partial class BlobLeadership(BlobContainerClient container, TimeProvider time, ILogger<BlobLeadership> logger) : ILeadership, IAsyncDisposable
{
    /// <summary>How long a lease holds without renewal (Azure allows 15 to 60 seconds).</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(20);

    private readonly BlobLeaseClient lease = container.GetBlobClient("leases/scheduler").GetBlobLeaseClient(Guid.NewGuid().ToString());
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private DateTimeOffset? renewedUtc;

    public async Task<bool> IsLeaderAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (renewedUtc is { } renewed && now - renewed < LeaseFor / 3)
                return true;
            try
            {
                if (renewedUtc is null)
                {
                    await EnsureBlobAsync(cancellationToken);
                    await lease.AcquireAsync(LeaseFor, cancellationToken: cancellationToken);
                    Log.Took(logger);
                }
                else
                    await lease.RenewAsync(cancellationToken: cancellationToken);
                renewedUtc = now;
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance holds it (or took it after ours ran out).
                if (renewedUtc is not null)
                    Log.Lost(logger);
                renewedUtc = null;
                return false;
            }
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>An instance that stops on purpose hands the schedules on at once; one that dies holds them until the lease runs out.</summary>
    public async ValueTask DisposeAsync()
    {
        if (renewedUtc is null)
            return;
        try
        {
            await lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Lost already; it runs out by itself.
        }
    }

    private async Task EnsureBlobAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient("leases/scheduler").UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // There already, perhaps under another instance's lease.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4901, LogLevel.Information, "This instance now runs the schedules")]
        public static partial void Took(ILogger logger);

        [LoggerMessage(4902, LogLevel.Warning, "Another instance took over the schedules")]
        public static partial void Lost(ILogger logger);
    }
}

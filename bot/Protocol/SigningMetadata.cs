using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PeerBot.Bot.Protocol;

/// <summary>
/// The OpenID metadata and signing keys behind one metadata URL, cached for 12 hours (protocol.md §3.2). When a
/// token names a key that is not in the cache, <see cref="RefreshAsync"/> fetches anew before the token is judged
/// again; forced fetches are at least 5 minutes apart, so a flood of made-up key ids cannot hammer the key server.
/// </summary>
public sealed class SigningMetadata(string url, IDocumentRetriever retriever, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(12);
    private static readonly TimeSpan ForcedRefreshGap = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private OpenIdConnectConfiguration? current;
    private DateTimeOffset fetchedAtUtc;
    private DateTimeOffset? lastForcedRefreshUtc;

    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        var cached = current;
        if (cached is not null && time.GetUtcNow() - fetchedAtUtc < CacheFor)
            return cached;
        return await FetchAsync(force: false, cancellationToken);
    }

    /// <summary>Fetches the metadata again unless that was forced less than 5 minutes ago; returns what is current.</summary>
    public Task<OpenIdConnectConfiguration> RefreshAsync(CancellationToken cancellationToken) => FetchAsync(force: true, cancellationToken);

    private async Task<OpenIdConnectConfiguration> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var stale = current is null || now - fetchedAtUtc >= CacheFor;
            var mayForce = force && (lastForcedRefreshUtc is null || now - lastForcedRefreshUtc >= ForcedRefreshGap);
            if (stale || mayForce)
            {
                current = await OpenIdConnectConfigurationRetriever.GetAsync(url, retriever, cancellationToken);
                fetchedAtUtc = now;
                if (mayForce)
                    lastForcedRefreshUtc = now;
            }
            return current!;
        }
        finally
        {
            gate.Release();
        }
    }
}

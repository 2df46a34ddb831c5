using PeerBot.Bot.Protocol;

namespace PeerBot.Tests.Support;

/// <summary>Stands in for Microsoft Entra, which cannot run here: always the same outbound token.</summary>
public sealed class FakeConnectorToken : IConnectorTokenSource
{
    public const string Token = "test-outbound-token";

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(Token);
}

using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace PeerBot.Bot.Protocol;

/// <summary>The bot's outbound token for Bot Connector calls, or null when the bot runs in local mode.</summary>
public interface IConnectorTokenSource
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Outbound tokens from Microsoft Entra with MSAL (protocol.md §4.1): a client secret for MultiTenant (authority
/// botframework.com) and SingleTenant (the app's tenant), the managed identity for UserAssignedMSI. One MSAL client
/// for the process; MSAL caches the token and renews it before it expires.
/// </summary>
public sealed class MsalConnectorTokenSource : IConnectorTokenSource
{
    private const string BotFrameworkResource = "https://api.botframework.com";
    private readonly Func<CancellationToken, Task<string>>? acquire;

    public MsalConnectorTokenSource(IOptions<BotCredentials> options)
    {
        var credentials = options.Value;
        if (credentials.IsLocalMode)
            return;

        if (credentials.Type == AppType.UserAssignedMsi)
        {
            var identity = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(credentials.MicrosoftAppId))
                .Build();
            acquire = async ct => (await identity.AcquireTokenForManagedIdentity(BotFrameworkResource).ExecuteAsync(ct)).AccessToken;
            return;
        }

        var tenant = credentials.Type == AppType.SingleTenant ? credentials.MicrosoftAppTenantId : "botframework.com";
        var app = ConfidentialClientApplicationBuilder
            .Create(credentials.MicrosoftAppId)
            .WithClientSecret(credentials.MicrosoftAppPassword)
            .WithAuthority($"https://login.microsoftonline.com/{tenant}")
            .Build();
        string[] scopes = [BotFrameworkResource + "/.default"];
        acquire = async ct => (await app.AcquireTokenForClient(scopes).ExecuteAsync(ct)).AccessToken;
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        acquire is null ? null : await acquire(cancellationToken);
}

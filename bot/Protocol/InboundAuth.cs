using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PeerBot.Bot.Protocol;

/// <summary>The result of checking a request's token. <see cref="Failure"/> is a short reason for the log, never token content.</summary>
public sealed record AuthResult(bool IsAuthenticated, string? Failure)
{
    public static AuthResult Anonymous { get; } = new(true, null);
    public static AuthResult Accepted { get; } = new(true, null);
    public static AuthResult Rejected(string failure) => new(false, failure);
}

/// <summary>
/// Checks the JWT on every request to /api/messages (protocol.md §3). Bot Connector tokens: issuer, audience = app id,
/// lifetime within the clock skew, RS256/384/512 signature by a published key, that key endorsed for the activity's
/// channel, and the serviceurl claim equal to the activity's serviceUrl. Entra-issued tokens: issuer from the
/// configured list or the app's own tenant, audience, and the caller app id (appid for v1, azp for v2).
/// Metadata is cached per URL and refreshed once when a token names an unknown key.
/// </summary>
public sealed class InboundAuth
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotCredentials credentials;
    private readonly InboundAuthOptions options;
    private readonly TrustedServiceUrls trustedServiceUrls;
    private readonly SigningMetadata channelMetadata;
    private readonly SigningMetadata entraMetadata;
    private readonly HashSet<string> entraIssuers;
    private readonly JsonWebTokenHandler handler = new();

    public InboundAuth(
        IOptions<BotCredentials> credentials,
        IOptions<InboundAuthOptions> options,
        TrustedServiceUrls trustedServiceUrls,
        IHttpClientFactory httpClients,
        TimeProvider time)
    {
        this.credentials = credentials.Value;
        this.options = options.Value;
        this.trustedServiceUrls = trustedServiceUrls;
        channelMetadata = Metadata(this.options.ChannelOpenIdMetadataUrl, httpClients, time);
        entraMetadata = Metadata(this.options.EntraOpenIdMetadataUrl, httpClients, time);

        entraIssuers = new HashSet<string>(this.options.EntraIssuers, StringComparer.Ordinal);
        var tenant = this.credentials.MicrosoftAppTenantId;
        if (!string.IsNullOrWhiteSpace(tenant) && this.credentials.Type != AppType.MultiTenant)
        {
            foreach (var template in this.options.TenantIssuerTemplates)
                entraIssuers.Add(template.Replace("{tenant}", tenant, StringComparison.Ordinal));
        }
    }

    public bool IsEnabled => !credentials.IsLocalMode;

    public async Task<AuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
            return AuthResult.Anonymous;

        if (string.IsNullOrEmpty(authorizationHeader))
            return AuthResult.Rejected("no Authorization header");
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
            return AuthResult.Rejected("Authorization is not 'Bearer <token>'");

        JsonWebToken unvalidated;
        try
        {
            unvalidated = handler.ReadJsonWebToken(parts[1]);
        }
        catch (ArgumentException)
        {
            return AuthResult.Rejected("not a JWT");
        }

        if (options.ChannelIssuers.Contains(unvalidated.Issuer, StringComparer.Ordinal))
            return await AuthenticateChannelTokenAsync(parts[1], activity, cancellationToken);
        if (entraIssuers.Contains(unvalidated.Issuer))
            return await AuthenticateEntraTokenAsync(parts[1], cancellationToken);
        return AuthResult.Rejected("unknown issuer");
    }

    private async Task<AuthResult> AuthenticateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, metadata) = await ValidateAsync(token, channelMetadata, options.ChannelIssuers, cancellationToken);
        if (!result.IsValid)
            return AuthResult.Rejected(Describe(result.Exception));

        var jwt = (JsonWebToken)result.SecurityToken;
        if (string.IsNullOrEmpty(activity.ChannelId))
            return AuthResult.Rejected("activity has no channelId to check the key's endorsements against");
        var endorsements = Endorsements(metadata, jwt.Kid);
        if (!endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
            return AuthResult.Rejected("signing key is not endorsed for the channel");

        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim) || string.IsNullOrEmpty(serviceUrlClaim))
            return AuthResult.Rejected("token has no serviceurl claim");
        if (!string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthResult.Rejected("serviceurl claim differs from the activity's serviceUrl");

        trustedServiceUrls.TrustValidated(serviceUrlClaim);
        return AuthResult.Accepted;
    }

    private async Task<AuthResult> AuthenticateEntraTokenAsync(string token, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateAsync(token, entraMetadata, entraIssuers, cancellationToken);
        if (!result.IsValid)
            return AuthResult.Rejected(Describe(result.Exception));

        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.TryGetPayloadValue<string>("ver", out var version);
        var appIdClaim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null)
            return AuthResult.Rejected("unknown token version");
        if (!jwt.TryGetPayloadValue<string>(appIdClaim, out var callerAppId) || callerAppId != credentials.MicrosoftAppId)
            return AuthResult.Rejected($"{appIdClaim} claim is not this bot's app id");
        return AuthResult.Accepted;
    }

    private async Task<(TokenValidationResult, OpenIdConnectConfiguration)> ValidateAsync(
        string token,
        SigningMetadata metadataSource,
        IEnumerable<string> issuers,
        CancellationToken cancellationToken)
    {
        var metadata = await metadataSource.GetAsync(cancellationToken);
        var result = await handler.ValidateTokenAsync(token, Parameters(metadata, issuers));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: fetch the metadata again once, then give the token one more try.
            metadata = await metadataSource.RefreshAsync(cancellationToken);
            result = await handler.ValidateTokenAsync(token, Parameters(metadata, issuers));
        }
        return (result, metadata);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata, IEnumerable<string> issuers) => new()
    {
        ValidIssuers = issuers,
        ValidateIssuer = true,
        ValidAudience = credentials.MicrosoftAppId,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = AllowedAlgorithms,
        TryAllIssuerSigningKeys = false,
    };

    private static IReadOnlyList<string> Endorsements(OpenIdConnectConfiguration metadata, string kid)
    {
        var key = metadata.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
            return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            IEnumerable<object> list => list.Select(o => o?.ToString() ?? "").ToList(),
            _ => [],
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "invalid signature",
        null => "invalid token",
        _ => exception.GetType().Name,
    };

    private static SigningMetadata Metadata(string url, IHttpClientFactory httpClients, TimeProvider time)
    {
        // Plain http only for metadata on this machine (tests serve their own keys); anything else must be https.
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(InboundAuth))) { RequireHttps = !IsLoopback(url) };
        return new SigningMetadata(url, retriever, time);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}

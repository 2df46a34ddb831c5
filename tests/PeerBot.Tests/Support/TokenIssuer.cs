using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PeerBot.Tests.Support;

/// <summary>
/// Stands in for login.botframework.com and Microsoft Entra: serves OpenID metadata and a JWKS (with Bot Framework
/// endorsements) on loopback, and signs real JWTs with its test RSA keys.
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";

    private readonly LoopbackServer server;
    private readonly List<(RsaSecurityKey Key, string[] Endorsements)> publishedKeys = [];
    private int metadataFetches;

    private TokenIssuer(LoopbackServer server) => this.server = server;

    public string ChannelMetadataUrl => server.BaseAddress + "channel/.well-known/openidconfiguration";

    public string EntraMetadataUrl => server.BaseAddress + "entra/.well-known/openid-configuration";

    public int MetadataFetches => metadataFetches;

    /// <summary>The key that signs by default, published with endorsements msteams, webchat and directline.</summary>
    public RsaSecurityKey Key { get; } = NewKey("GhB3tPqExampleKid01");

    public static async Task<TokenIssuer> StartAsync()
    {
        TokenIssuer? issuer = null;
        var server = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/{source}/.well-known/{document}", (string source) => issuer!.Metadata(source));
            routes.MapGet("/{source}/keys", () => issuer!.Keys());
        });
        issuer = new TokenIssuer(server);
        issuer.Publish(issuer.Key, "msteams", "webchat", "directline");
        return issuer;
    }

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public void Publish(RsaSecurityKey key, params string[] endorsements)
    {
        lock (publishedKeys)
            publishedKeys.Add((key, endorsements));
    }

    /// <summary>A Bot Connector token as protocol.md TV5 describes it; each argument changes one thing.</summary>
    public string ChannelToken(
        string serviceUrl,
        string issuer = ChannelIssuer,
        string audience = TestActivities.AppId,
        DateTime? expires = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        bool withServiceUrl = true)
    {
        var claims = new Dictionary<string, object>();
        if (withServiceUrl)
            claims["serviceurl"] = serviceUrl;
        return Sign(issuer, audience, claims, expires, key, algorithm);
    }

    /// <summary>An Entra-issued token: version "1.0" carries the caller in appid, "2.0" in azp.</summary>
    public string EntraToken(string issuer, string version, string callerAppId, string audience = TestActivities.AppId)
    {
        var claims = new Dictionary<string, object> { ["ver"] = version, [version == "2.0" ? "azp" : "appid"] = callerAppId };
        return Sign(issuer, audience, claims, null, null, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>A token whose header says alg "none" and carries no signature.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(new JsonObject
        {
            ["iss"] = ChannelIssuer, ["aud"] = TestActivities.AppId, ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }.ToJsonString());
        return $"{header}.{payload}.";
    }

    private string Sign(string issuer, string audience, Dictionary<string, object> claims, DateTime? expires, SecurityKey? key, string algorithm)
    {
        var expiresAt = expires ?? DateTime.UtcNow.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = expiresAt.AddHours(-2),
            NotBefore = expiresAt.AddHours(-2),
            Expires = expiresAt,
            SigningCredentials = new SigningCredentials(key ?? Key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private IResult Metadata(string source)
    {
        Interlocked.Increment(ref metadataFetches);
        return Results.Json(new JsonObject
        {
            ["issuer"] = source == "channel" ? ChannelIssuer : "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["jwks_uri"] = $"{server.BaseAddress}{source}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
    }

    private IResult Keys()
    {
        var keys = new JsonArray();
        lock (publishedKeys)
        {
            foreach (var (key, endorsements) in publishedKeys)
            {
                var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
                });
            }
        }
        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json", Encoding.UTF8);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

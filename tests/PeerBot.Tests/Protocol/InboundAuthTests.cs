using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PeerBot.Bot.Protocol;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Protocol;

public sealed class AuthFixture : IAsyncLifetime
{
    public TokenIssuer Issuer { get; private set; } = null!;
    public FakeConnector Connector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TokenIssuer.StartAsync();
        Connector = await FakeConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>protocol.md test vector TV5, and the Entra rules of §3.4, through real HTTP with real signed JWTs.</summary>
public sealed class InboundAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private TokenIssuer Issuer => fixture.Issuer;
    private string ServiceUrl => fixture.Connector.ServiceUrl;

    private Task<TestBot> StartBotAsync(string appType = "MultiTenant") => TestBot.StartAsync(
        new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = TestActivities.AppId,
            ["MicrosoftAppPassword"] = appType == "UserAssignedMSI" ? null : "test-secret",
            ["MicrosoftAppTenantId"] = TestActivities.TenantId,
            ["PeerBot:Auth:ChannelOpenIdMetadataUrl"] = Issuer.ChannelMetadataUrl,
            ["PeerBot:Auth:EntraOpenIdMetadataUrl"] = Issuer.EntraMetadataUrl,
        },
        environment: "Production",
        services: s => s.AddSingleton<IConnectorTokenSource, FakeConnectorToken>());

    private async Task<HttpStatusCode> PostAsync(TestBot bot, string? authorization, string? serviceUrl = null)
    {
        var activity = TestActivities.Message(serviceUrl ?? ServiceUrl, "hjælp");
        using var response = await bot.PostAsync(activity, authorization);
        return response.StatusCode;
    }

    [Fact]
    public async Task InboundAuth_ValidConnectorToken_Returns200AndReplies()
    {
        await using var bot = await StartBotAsync();
        var before = fixture.Connector.Calls.Count;

        var status = await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(fixture.Connector.Calls.Count > before, "the bot should have replied through the connector");
    }

    [Fact]
    public async Task InboundAuth_TokenExpiredWithinClockSkew_Returns200()
    {
        await using var bot = await StartBotAsync();
        var token = Issuer.ChannelToken(ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-3));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(bot, AuthorizationHeader.Bearer(token)));
    }

    public static TheoryData<string, Func<TokenIssuer, string, string?>> RejectedRequests => new()
    {
        { "US Gov issuer on a public-cloud bot", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, issuer: "https://api.botframework.us")) },
        { "audience is another app", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, audience: Guid.NewGuid().ToString())) },
        { "expired more than 5 minutes ago", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, expires: DateTime.UtcNow.AddMinutes(-6))) },
        { "signed with HS256", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, key: new SymmetricSecurityKey(new byte[64]) { KeyId = "GhB3tPqExampleKid01" }, algorithm: SecurityAlgorithms.HmacSha256)) },
        { "alg none", (i, url) => AuthorizationHeader.Bearer(TokenIssuer.UnsignedToken(url)) },
        { "signed by an unpublished key", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, key: TokenIssuer.NewKey("never-published"))) },
        { "serviceurl claim of another host", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken("https://evil.example/")) },
        { "no serviceurl claim", (i, url) => AuthorizationHeader.Bearer(i.ChannelToken(url, withServiceUrl: false)) },
        { "Basic scheme", (i, url) => "Basic " + Convert.ToBase64String("user:pass"u8.ToArray()) },
        { "three parts", (i, url) => "Bearer " + i.ChannelToken(url) + " extra" },
        { "lower-case scheme", (i, url) => "bearer " + i.ChannelToken(url) },
        { "not a JWT", (i, url) => "Bearer not-a-token" },
        { "no Authorization header", (i, url) => null },
    };

    [Theory]
    [MemberData(nameof(RejectedRequests))]
    public async Task InboundAuth_BadToken_Returns401(string why, Func<TokenIssuer, string, string?> authorization)
    {
        await using var bot = await StartBotAsync();

        var status = await PostAsync(bot, authorization(Issuer, ServiceUrl));

        Assert.True(status == HttpStatusCode.Unauthorized, $"{why}: got {status}");
    }

    [Fact]
    public async Task InboundAuth_KeyNotEndorsedForChannel_Returns401()
    {
        var webchatOnly = TokenIssuer.NewKey("webchat-only-key");
        Issuer.Publish(webchatOnly, "webchat", "directline");
        await using var bot = await StartBotAsync();

        var status = await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl, key: webchatOnly)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task InboundAuth_UnknownKey_RefreshesMetadataOnceThenRejects()
    {
        await using var bot = await StartBotAsync();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl))));
        var fetchesBefore = Issuer.MetadataFetches;

        var status = await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl, key: TokenIssuer.NewKey("unknown-kid"))));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(fetchesBefore + 1, Issuer.MetadataFetches);
    }

    [Fact]
    public async Task InboundAuth_KeyRolledOverAfterMetadataWasCached_Returns200()
    {
        await using var bot = await StartBotAsync();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl))));
        var rolled = TokenIssuer.NewKey("rolled-" + Guid.NewGuid().ToString("N"));
        Issuer.Publish(rolled, "msteams");

        var status = await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.ChannelToken(ServiceUrl, key: rolled)));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    public static TheoryData<string, string, string, string, HttpStatusCode> EntraTokens => new()
    {
        { "MultiTenant", "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", "1.0", TestActivities.AppId, HttpStatusCode.OK },
        { "MultiTenant", "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0", "2.0", TestActivities.AppId, HttpStatusCode.OK },
        { "MultiTenant", "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0", "2.0", "another-app", HttpStatusCode.Unauthorized },
        { "MultiTenant", "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", "3.0", TestActivities.AppId, HttpStatusCode.Unauthorized },
        { "MultiTenant", $"https://sts.windows.net/{TestActivities.TenantId}/", "1.0", TestActivities.AppId, HttpStatusCode.Unauthorized },
        { "SingleTenant", $"https://sts.windows.net/{TestActivities.TenantId}/", "1.0", TestActivities.AppId, HttpStatusCode.OK },
        { "SingleTenant", $"https://login.microsoftonline.com/{TestActivities.TenantId}/v2.0", "2.0", TestActivities.AppId, HttpStatusCode.OK },
        { "SingleTenant", "https://sts.windows.net/00000000-1111-2222-3333-444444444444/", "1.0", TestActivities.AppId, HttpStatusCode.Unauthorized },
        { "UserAssignedMSI", $"https://login.microsoftonline.com/{TestActivities.TenantId}/v2.0", "2.0", TestActivities.AppId, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(EntraTokens))]
    public async Task InboundAuth_EntraIssuedToken_FollowsIssuerAndAppIdRules(string appType, string issuer, string version, string callerAppId, HttpStatusCode expected)
    {
        await using var bot = await StartBotAsync(appType);

        var status = await PostAsync(bot, AuthorizationHeader.Bearer(Issuer.EntraToken(issuer, version, callerAppId)));

        Assert.True(status == expected, $"{appType}, {issuer}, v{version}, caller {callerAppId}: got {status}");
    }
}

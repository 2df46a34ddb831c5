using PeerBot.Bot.Delivery;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Protocol;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Protocol;

/// <summary>The connector client against a fake Bot Connector on loopback (protocol.md §4, §5).</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeConnector connector = null!;

    public async Task InitializeAsync() => connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await connector.DisposeAsync();

    private static ConnectorClient Client(HttpMessageHandler? handler = null, IConnectorTokenSource? tokens = null, int maxRetries = 3)
    {
        var options = Options.Create(new ConnectorOptions { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
        return new ConnectorClient(
            handler is null ? new HttpClient() : new HttpClient(handler),
            tokens ?? new FakeConnectorToken(),
            new TrustedServiceUrls(options),
            options,
            new SendPacer(Options.Create(new SendLimitOptions()), TimeProvider.System),
            TimeProvider.System,
            NullLogger<ConnectorClient>.Instance);
    }

    private static Activity Message(string text) => new() { Type = "message", Text = text };

    [Fact]
    public async Task Reply_ChannelThreadIds_AreEscapedPerSegment()
    {
        var result = await Client().ReplyAsync(connector.ServiceUrl.TrimEnd('/'), TestActivities.ChannelConversationId, "1767261950789", Message("hej"), default);

        Assert.True(result.Succeeded);
        Assert.Equal("reply-1", result.Id);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("/v3/conversations/19%3A4f3e2d1c0b9a48776655443322110099%40thread.tacv2%3Bmessageid%3D1767261900000/activities/1767261950789", call.RawPath);
    }

    [Fact]
    public async Task Update_PutsTheActivityWithItsId()
    {
        var result = await Client().UpdateAsync(connector.ServiceUrl, "a:1", "card-7", Message("ny"), default);

        Assert.True(result.Succeeded);
        var call = Assert.Single(connector.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/v3/conversations/a%3A1/activities/card-7", call.RawPath);
        Assert.Equal("card-7", (string?)call.Body!["id"]);
    }

    [Fact]
    public async Task CreatePersonalConversation_SendsBotMemberAndTenant()
    {
        var result = await Client().CreatePersonalConversationAsync(connector.ServiceUrl, TestActivities.BotId, TestActivities.UserId, TestActivities.TenantId, default);

        Assert.True(result.Succeeded);
        var body = Assert.Single(connector.Calls).Body!;
        Assert.False((bool?)body["isGroup"]);
        Assert.Equal(TestActivities.BotId, (string?)body["bot"]!["id"]);
        Assert.Equal(TestActivities.UserId, (string?)body["members"]![0]!["id"]);
        Assert.Equal(TestActivities.TenantId, (string?)body["channelData"]!["tenant"]!["id"]);
    }

    [Fact]
    public async Task GetMember_ReadsTheAccount()
    {
        connector.Script(200, """{"id":"29:abc","name":"Kim","aadObjectId":"guid-1","userPrincipalName":"kim@example.org"}""");

        var (result, member) = await Client().GetMemberAsync(connector.ServiceUrl, "a:1", "29:abc", default);

        Assert.True(result.Succeeded);
        Assert.Equal("Kim", member!.Name);
        Assert.Equal("/v3/conversations/a%3A1/members/29%3Aabc", Assert.Single(connector.Calls).RawPath);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Send_RetryableStatus_IsTriedAgainUntilItSucceeds(int status)
    {
        connector.Script(status, retryAfter: "0");
        connector.Script(status);

        var result = await Client().SendToConversationAsync(connector.ServiceUrl, "a:1", Message("hej"), default);

        Assert.True(result.Succeeded, $"{status}: {result}");
        Assert.Equal(3, connector.Calls.Count);
    }

    [Fact]
    public async Task Send_StillThrottledAfterTheLastRetry_ReportsUnavailable()
    {
        for (var i = 0; i < 4; i++)
            connector.Script(429, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfter: "0");

        var result = await Client(maxRetries: 3).SendToConversationAsync(connector.ServiceUrl, "a:1", Message("hej"), default);

        Assert.Equal(ConnectorOutcome.Unavailable, result.Outcome);
        Assert.Equal("Throttled", result.ErrorCode);
        Assert.Equal(4, connector.Calls.Count);
    }

    [Theory]
    // Not retried within the request, as the protocol says; the outbox tries 500 and 408 again later.
    [InlineData(500, """{"error":{"code":"ServiceError","message":"x"}}""", ConnectorOutcome.Unavailable)]
    [InlineData(408, "", ConnectorOutcome.Unavailable)]
    [InlineData(400, """{"error":{"code":"BadArgument","message":"x"}}""", ConnectorOutcome.Failed)]
    [InlineData(401, """{"error":{"code":"BotNotRegistered","message":"x"}}""", ConnectorOutcome.Failed)]
    [InlineData(403, """{"error":{"code":"ConversationBlockedByUser","message":"x"}}""", ConnectorOutcome.Blocked)]
    [InlineData(403, """{"error":{"code":"BotDisabledByAdmin","message":"x"}}""", ConnectorOutcome.Blocked)]
    [InlineData(403, """{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",\"details\":\"Thread is blocked\"}"}""", ConnectorOutcome.Blocked)]
    [InlineData(403, """{"error":{"code":"BotNotInConversationRoster","message":"x"}}""", ConnectorOutcome.NotInstalled)]
    [InlineData(404, """{"error":{"code":"ConversationNotFound","message":"x"}}""", ConnectorOutcome.ConversationNotFound)]
    [InlineData(404, """{"error":{"code":"ActivityNotFoundInConversation","message":"x"}}""", ConnectorOutcome.ActivityNotFound)]
    [InlineData(403, "not json", ConnectorOutcome.Failed)]
    public async Task Send_TerminalStatus_IsNotRetriedAndIsClassified(int status, string body, ConnectorOutcome expected)
    {
        connector.Script(status, body);

        var result = await Client().SendToConversationAsync(connector.ServiceUrl, "a:1", Message("hej"), default);

        Assert.Equal(expected, result.Outcome);
        Assert.Single(connector.Calls);
    }

    [Fact]
    public async Task Send_ConnectorUnreachable_ReportsUnavailableWithoutThrowing()
    {
        var result = await Client().SendToConversationAsync("http://127.0.0.1:9/", "a:1", Message("hej"), default);

        Assert.Equal(ConnectorOutcome.Unavailable, result.Outcome);
    }

    [Fact]
    public async Task Token_GoesToATrustedHttpsConnector()
    {
        var handler = new RecordingHandler();

        await Client(handler).SendToConversationAsync("https://smba.trafficmanager.net/emea/", "a:1", Message("hej"), default);

        Assert.Equal("Bearer " + FakeConnectorToken.Token, handler.Authorization);
        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1/activities", handler.Uri?.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    public async Task Token_IsWithheldFromUntrustedOrPlainHttpHosts(string serviceUrl)
    {
        var handler = new RecordingHandler();

        await Client(handler).SendToConversationAsync(serviceUrl, "a:1", Message("hej"), default);

        Assert.NotNull(handler.Uri);
        Assert.Null(handler.Authorization);
    }

    [Fact]
    public async Task Token_HostVouchedForByAValidatedRequest_IsTrusted()
    {
        var handler = new RecordingHandler();
        var options = Options.Create(new ConnectorOptions());
        var trusted = new TrustedServiceUrls(options);
        trusted.TrustValidated("https://teams.example-gcc.test/amer/");
        var client = new ConnectorClient(new HttpClient(handler), new FakeConnectorToken(), trusted, options,
            new SendPacer(Options.Create(new SendLimitOptions()), TimeProvider.System), TimeProvider.System, NullLogger<ConnectorClient>.Instance);

        await client.SendToConversationAsync("https://teams.example-gcc.test/amer/", "a:1", Message("hej"), default);

        Assert.Equal("Bearer " + FakeConnectorToken.Token, handler.Authorization);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }
        public Uri? Uri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            Uri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"1"}""") });
        }
    }
}

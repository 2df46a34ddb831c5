using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Delivery;

/// <summary>
/// Replies that meet a connector that is down, slow to recover, or refusing: through the real host, over real HTTP,
/// with PeerBot's clock moved by the test.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private const string ConversationKey = "msteams/" + TestActivities.PersonalConversationId;
    private const string HelpText = "Jeg er PeerBot";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly string dataFolder = TempFolder.Create();
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await StartBotAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    /// <summary>No retries inside one send, so each failure reaches the outbox at once.</summary>
    private Task<TestBot> StartBotAsync() => TestBot.StartAsync(
        new Dictionary<string, string?> { ["PeerBot:Connector:MaxRetries"] = "0" },
        services: services => services.AddKeyedSingleton<TimeProvider>(ProductClock.Key, clock),
        dataFolder: dataFolder);

    private async Task<int> StoppedConnectorPortAsync()
    {
        await using var connector = await FakeConnector.StartAsync();
        return new Uri(connector.ServiceUrl).Port;
    }

    private Task SweepAsync() => bot.Services.GetRequiredService<OutboxSweeper>().RunAsync(default);

    private Task<LoadedState> DocumentAsync() => bot.Services.GetRequiredService<ConversationStates>().LoadAsync(ConversationKey, default);

    private static bool IsHelp(System.Text.Json.Nodes.JsonNode sent) => sent.ToJsonString().Contains(HelpText, StringComparison.Ordinal);

    [Fact]
    public async Task Outbox_ConnectorRefusesConnections_TheReplyIsKeptAndSentWhenItIsBack()
    {
        var port = await StoppedConnectorPortAsync();

        using var response = await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "hjælp"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var waiting = Assert.Single((await DocumentAsync()).Document.Outbox);
        Assert.Equal(1, waiting.Attempts);

        await using var connector = await FakeConnector.StartAsync(port);
        await SweepAsync();
        Assert.Empty(connector.Sent);

        clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();

        Assert.True(IsHelp(Assert.Single(connector.Sent)));
        Assert.Empty((await DocumentAsync()).Document.Outbox);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(412)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(408)]
    public async Task Outbox_ConnectorAnswersWithATemporaryFailure_TriesAgainLaterAndSendsOnce(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.Script(status, retryAfter: status == 429 ? "1" : null);

        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hjælp"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();
        await SweepAsync();

        Assert.Equal(2, connector.Calls.Count(c => IsHelp(c.Body!)));
        Assert.Empty((await DocumentAsync()).Document.Outbox);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Outbox_ConnectorRefusesForGood_IsNotTriedAgain(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.Script(status, """{"error":{"code":"BadArgument","message":"no"}}""");

        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hjælp"));
        clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();

        Assert.Single(connector.Calls);
        Assert.Empty((await DocumentAsync()).Document.Outbox);
        Assert.Contains(bot.Logs.GetSnapshot(), log => log.Id.Id == 2102);
    }

    [Fact]
    public async Task Outbox_NotDeliveredForADay_IsGivenUpWithALogLine()
    {
        var port = await StoppedConnectorPortAsync();
        await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "hjælp"));

        clock.Advance(TimeSpan.FromHours(25));
        await SweepAsync();

        Assert.Empty((await DocumentAsync()).Document.Outbox);
        Assert.Contains(bot.Logs.GetSnapshot(), log => log.Id.Id == 2103);
    }

    [Fact]
    public async Task Outbox_BotStoppedWithAReplyWaiting_TheNextStartSendsIt()
    {
        var port = await StoppedConnectorPortAsync();
        await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "hjælp"));
        await bot.DisposeAsync();

        await using var connector = await FakeConnector.StartAsync(port);
        clock.Advance(TimeSpan.FromMinutes(1));
        bot = await StartBotAsync();
        await SweepAsync();

        Assert.True(IsHelp(Assert.Single(connector.Sent)));
    }

    [Fact]
    public async Task Outbox_LaterTurnWhileAnEarlierReplyWaits_TriesItFirstAndRepliesArriveInTheOrderOfTheTurns()
    {
        var port = await StoppedConnectorPortAsync();
        await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "hjælp"));

        await using var connector = await FakeConnector.StartAsync(port);
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "sprog"));

        Assert.Equal(2, connector.Sent.Count);
        Assert.True(IsHelp(connector.Sent[0]));
        Assert.False(IsHelp(connector.Sent[1]));
    }

    [Fact]
    public async Task Outbox_ConnectorStillDownWhenTheNextTurnComes_NeitherReplyOvertakesTheOther()
    {
        var port = await StoppedConnectorPortAsync();
        await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "hjælp"));
        await bot.PostAsync(TestActivities.Message($"http://127.0.0.1:{port}/", "sprog"));
        Assert.Equal(2, (await DocumentAsync()).Document.Outbox.Count);

        await using var connector = await FakeConnector.StartAsync(port);
        clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();

        Assert.Equal(2, connector.Sent.Count);
        Assert.True(IsHelp(connector.Sent[0]));
    }

    [Fact]
    public async Task Outbox_MessageTheBotStartedMeetsAGoneConversation_MarksTheMemberUnreachable()
    {
        await using var connector = await FakeConnector.StartAsync();
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hjælp"));
        var states = bot.Services.GetRequiredService<ConversationStates>();
        var loaded = await states.LoadAsync(ConversationKey, default);
        var invitation = OutboxItem.For("invite", new Bot.Protocol.Activity { Type = "message", Text = "Ugens spørgsmål",
                Conversation = new Bot.Protocol.ConversationAccount { Id = TestActivities.PersonalConversationId } },
            connector.ServiceUrl, TestActivities.TenantId, isProactive: true) with { Id = "scheduled#0", CreatedUtc = clock.GetUtcNow(), NextTryUtc = clock.GetUtcNow() };
        var saved = await states.TrySaveAsync(ConversationKey, loaded, loaded.Document with { Outbox = [invitation] }, default);
        connector.Script(404, """{"error":{"code":"ConversationNotFound","message":"gone"}}""");

        await bot.Services.GetRequiredService<Outbox>().FinishAsync(ConversationKey, saved!, turnCame: false, default);

        var record = await bot.Services.GetRequiredService<ConversationRecords>().FindAsync(ConversationKey, default);
        Assert.True(record!.IsUninstalled);
        Assert.Empty((await DocumentAsync()).Document.Outbox);
    }
}

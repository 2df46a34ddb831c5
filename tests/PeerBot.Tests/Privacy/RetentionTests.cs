using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Scheduling;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Privacy;

/// <summary>Data of members who stopped writing is deleted after the retention period, with one notice first. The clock is fake.</summary>
public sealed class RetentionTests : BotWithConnector
{
    private const string ConversationKey = "msteams/" + TestActivities.PersonalConversationId;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    protected override FakeTimeProvider Clock => clock;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PeerBot:Retention:CheckEvery"] = "30.00:00:00" };

    protected override void AddServices(IServiceCollection services) => TestBot.AddTestDialogs(services);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Bot.GiveConsentAsync(Connector.ServiceUrl);
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "noter"));
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "noget jeg vil huske"));
    }

    private Task SweepAsync() => Bot.Services.GetRequiredService<RetentionSweeper>().RunAsync(default);

    private List<ConnectorCall> Notices() =>
        Connector.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal)).ToList();

    private Task<ConversationRecord?> RecordAsync() => Bot.Services.GetRequiredService<ConversationRecords>().FindAsync(ConversationKey, default);

    [Fact]
    public async Task Retention_SilentMember_GetsOneNoticeThenEverythingIsDeleted()
    {
        clock.Advance(TimeSpan.FromDays(165));
        await SweepAsync();
        Assert.Empty(Notices());

        clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync();
        await SweepAsync();

        var notice = Assert.Single(Notices());
        Assert.StartsWith("Det er et stykke tid siden, vi har skrevet sammen. Om 13 dage sletter jeg", (string?)notice.Body!["text"]);
        Assert.Null((string?)notice.Body["replyToId"]);
        Assert.NotNull(await RecordAsync());

        clock.Advance(TimeSpan.FromDays(13));
        await SweepAsync();

        Assert.Null(await RecordAsync());
        var state = (await Bot.Services.GetRequiredService<ConversationStates>().LoadAsync(ConversationKey, default)).State;
        Assert.Equal(PeerBot.Dialogs.Conversations.ConversationState.New, state);
    }

    [Fact]
    public async Task Retention_MemberWritesAfterTheNotice_KeepsEverything()
    {
        clock.Advance(TimeSpan.FromDays(170));
        await SweepAsync();
        Assert.Single(Notices());

        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "jeg er her endnu"));
        clock.Advance(TimeSpan.FromDays(20));
        await SweepAsync();

        var record = await RecordAsync();
        Assert.NotNull(record);
        Assert.Null(record.RetentionNoticeSentUtc);
        Assert.Single(Notices());
    }

    [Fact]
    public async Task Retention_GroupChats_GetNoNotice()
    {
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "<at>PeerBot</at> hej", conversationId: "19:g@thread.v2", conversationType: "groupChat"));
        var before = Notices().Count;

        clock.Advance(TimeSpan.FromDays(170));
        await SweepAsync();

        Assert.Equal(before + 1, Notices().Count);
        Assert.DoesNotContain(Notices(), c => c.RawPath.Contains("thread.v2"));
    }
}

using System.Text.Json.Nodes;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Hosting;

public sealed class LoggingTests
{
    private const string Sentinel = "SENTINEL-ordet-ingen-maa-logge-7f3a";

    [Fact]
    public async Task Logging_WholeConversation_NeverWritesMemberText()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = await TestBot.StartAsync();
        connector.Script(403, """{"error":{"code":"ConversationBlockedByUser","message":"blocked"}}""");

        await bot.PostAsync(TestActivities.InstallationUpdate(connector.ServiceUrl));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, $"jeg har det sådan her: {Sentinel}"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, Sentinel, locale: "en-GB"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, $"jeg vil bare dø {Sentinel}"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, $"<at>PeerBot</at> {Sentinel}", conversationId: "19:g@thread.v2", conversationType: "groupChat"));
        var submit = TestActivities.Submit(connector.ServiceUrl, "about");
        submit["value"]!["comment"] = Sentinel;
        await bot.PostAsync(submit);
        await bot.PostAsync(TestActivities.CardActionInvoke(connector.ServiceUrl, Sentinel));
        await bot.PostAsync($$"""{"text": "{{Sentinel}}"}""");
        await bot.PostAsync("{ broken json " + Sentinel);
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, new string('x', 300 * 1024) + Sentinel));
        var unknown = TestActivities.Message(connector.ServiceUrl, Sentinel);
        unknown["type"] = "messageUpdate";
        await bot.PostAsync(unknown);

        var logs = bot.AllLogText();
        Assert.True(bot.Logs.Count > 10, "the test should have captured the bot's logs");
        Assert.Contains("Turn Message", logs);
        Assert.Matches(@"Crisis reply sent \(rule [a-z0-9-]+\)", logs);   // the rule id, never the words
        Assert.DoesNotContain(Sentinel, logs);
        Assert.DoesNotContain("jeg har det", logs);
    }
}

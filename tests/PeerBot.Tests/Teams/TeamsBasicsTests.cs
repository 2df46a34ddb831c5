using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Teams;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Teams;

/// <summary>Teams events and interactions (protocol.md §6) through the real host, with replies caught by a fake connector.</summary>
public sealed class TeamsBasicsTests : IAsyncLifetime
{
    private FakeConnector connector = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        bot = await TestBot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await connector.DisposeAsync();
    }

    private Task<ConversationRecord?> RecordAsync(string conversationId) =>
        bot.Services.GetRequiredService<ConversationRecords>().FindAsync("msteams", conversationId, CancellationToken.None);

    private static string? TextOf(JsonNode reply) =>
        (string?)reply["text"] ?? (string?)reply["attachments"]?[0]?["content"]?["body"]?[0]?["text"];

    [Fact]
    public async Task PersonalInstall_BothInstallEventsAtOnce_WelcomesOnceAndStoresTheReference()
    {
        await Task.WhenAll(
            bot.PostAsync(TestActivities.PersonalInstallConversationUpdate(connector.ServiceUrl)),
            bot.PostAsync(TestActivities.InstallationUpdate(connector.ServiceUrl)));

        var welcome = Assert.Single(connector.Sent);
        Assert.StartsWith("Hej, og velkommen", TextOf(welcome));
        var record = await RecordAsync(TestActivities.PersonalConversationId);
        Assert.NotNull(record);
        Assert.Equal(connector.ServiceUrl, record.Reference.ServiceUrl);
        Assert.Equal(TestActivities.UserId, record.Reference.UserId);
        Assert.Equal(TestActivities.TenantId, record.Reference.TenantId);
        Assert.Equal(TestActivities.BotId, record.Reference.BotId);
        Assert.False(record.IsUninstalled);
    }

    [Fact]
    public async Task PersonalInstall_RemovedThenAddedAgain_WelcomesAgain()
    {
        await bot.PostAsync(TestActivities.InstallationUpdate(connector.ServiceUrl));
        await bot.PostAsync(TestActivities.InstallationUpdate(connector.ServiceUrl, action: "remove"));
        Assert.True((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);

        await bot.PostAsync(TestActivities.InstallationUpdate(connector.ServiceUrl, action: "add-upgrade"));

        Assert.Equal(2, connector.Sent.Count);
        Assert.False((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
    }

    [Fact]
    public async Task Message_ServiceUrlChanged_StoresTheNewOne()
    {
        await using var moved = await FakeConnector.StartAsync();
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hej"));

        await bot.PostAsync(TestActivities.Message(moved.ServiceUrl, "hej"));

        Assert.Equal(moved.ServiceUrl, (await RecordAsync(TestActivities.PersonalConversationId))!.Reference.ServiceUrl);
    }

    [Theory]
    [InlineData("da-DK", "Jeg er PeerBot", "Hvad er PeerBot?")]
    [InlineData("en-GB", "I'm PeerBot", "What is PeerBot?")]
    [InlineData("fr-FR", "Jeg er PeerBot", "Hvad er PeerBot?")]
    public async Task Help_InTheTeamsLocale_ComesAsACardWithChoices(string locale, string textStart, string firstChoice)
    {
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "help", locale));

        var reply = Assert.Single(connector.Sent);
        var card = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Equal("1.5", (string?)card["content"]!["version"]);
        Assert.StartsWith(textStart, TextOf(reply));
        var button = card["content"]!["actions"]![0]!;
        Assert.Equal("Action.Submit", (string?)button["type"]);
        Assert.Equal(firstChoice, (string?)button["title"]);
        Assert.Equal("about", (string?)button["data"]!["choice"]);
    }

    [Fact]
    public async Task Locale_MissingOnActivity_IsTakenFromClientInfo()
    {
        var activity = TestActivities.Message(connector.ServiceUrl, "help");
        activity.Remove("locale");
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US" });

        await bot.PostAsync(activity);

        Assert.StartsWith("I'm PeerBot", TextOf(Assert.Single(connector.Sent)));
    }

    [Fact]
    public async Task ActionSubmit_MessageWithValueAndNoText_ReachesTheDialogAsAChoice()
    {
        await bot.PostAsync(TestActivities.Submit(connector.ServiceUrl, "about", "en-GB"));

        Assert.StartsWith("PeerBot follows your group course", TextOf(Assert.Single(connector.Sent)));
    }

    [Theory]
    [InlineData("groupChat", "19:abc@thread.v2")]
    [InlineData("channel", TestActivities.ChannelConversationId)]
    public async Task GroupMention_AnswersBrieflyAndOffersAPrivateChat(string conversationType, string conversationId)
    {
        var activity = TestActivities.Message(connector.ServiceUrl, "<at>PeerBot</at> hvad er du?", conversationId: conversationId, conversationType: conversationType);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>PeerBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "PeerBot" },
        });

        await bot.PostAsync(activity);

        var call = Assert.Single(connector.Calls);
        Assert.Contains(Uri.EscapeDataString(conversationId), call.RawPath);
        Assert.StartsWith("Hej! I en gruppe", TextOf(call.Body!));
        var open = call.Body!["attachments"]![0]!["content"]!["actions"]![0]!;
        Assert.Equal("Action.OpenUrl", (string?)open["type"]);
        Assert.Equal("https://teams.microsoft.com/l/chat/0/0?users=28%3A" + TestActivities.AppId, (string?)open["url"]);
    }

    [Fact]
    public async Task Reply_MemberBlockedTheBot_MarksTheConversationAndComesBackWhenTheyWriteAgain()
    {
        connector.Script(403, """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""");

        using var response = await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hej"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "hej igen"));
        Assert.False((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
    }

    public static TheoryData<string> CapturedActivities()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(RepoPaths.Shared, "testdata", "activities");
        // bot-reply-*.json are what a bot sent to the Playground's connector, not activities a bot receives.
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order())
        {
            if (!Path.GetFileName(file).StartsWith("bot-reply-", StringComparison.Ordinal))
                data.Add(Path.GetRelativePath(folder, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CapturedActivities))]
    public async Task CapturedActivity_FromARealClient_Gets200(string file)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Shared, "testdata", "activities", file)))!.AsObject();
        if (activity.ContainsKey("serviceUrl"))
            activity["serviceUrl"] = connector.ServiceUrl;

        using var response = await bot.PostAsync(activity);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public void MentionStripping_RemovesOnlyTheBotsOwnMention()
    {
        var activity = new PeerBot.Bot.Protocol.Activity
        {
            Text = "<at>PeerBot</at> hej <at>Kim</at>",
            Recipient = new() { Id = TestActivities.BotId },
            Entities =
            [
                new() { Type = "mention", Text = "<at>PeerBot</at>", Mentioned = new() { Id = TestActivities.BotId, Name = "PeerBot" } },
                new() { Type = "mention", Text = "<at>Kim</at>", Mentioned = new() { Id = "29:kim", Name = "Kim" } },
            ],
        };

        Assert.Equal("hej <at>Kim</at>", ActivityTranslator.TextWithoutBotMention(activity));
    }
}

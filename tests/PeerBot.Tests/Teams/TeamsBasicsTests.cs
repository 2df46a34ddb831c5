using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Teams;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Teams;

/// <summary>Teams events and interactions (protocol.md §6) through the real host, with replies caught by a fake connector.</summary>
public sealed class TeamsBasicsTests : BotWithConnector
{
    private Task<ConversationRecord?> RecordAsync(string conversationId) =>
        Bot.Services.GetRequiredService<ConversationRecords>().FindAsync("msteams", conversationId, CancellationToken.None);

    private static string? TextOf(JsonNode reply) =>
        (string?)reply["text"] ?? (string?)reply["attachments"]?[0]?["content"]?["body"]?[0]?["text"];

    private IReadOnlyList<string?> Welcomes() =>
        Connector.Sent.Select(TextOf).Where(t => t?.StartsWith("Hej og velkommen") == true || t?.StartsWith("Hi, and welcome") == true).ToList();

    [Fact]
    public async Task PersonalInstall_BothInstallEventsAtOnce_WelcomesOnceAndStoresTheReference()
    {
        await Task.WhenAll(
            Bot.PostAsync(TestActivities.PersonalInstallConversationUpdate(Connector.ServiceUrl)),
            Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl)),
            Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl, action: "add-upgrade")));

        Assert.StartsWith("Hej og velkommen", Assert.Single(Welcomes()));
        var record = await RecordAsync(TestActivities.PersonalConversationId);
        Assert.NotNull(record);
        Assert.Equal(Connector.ServiceUrl, record.Reference.ServiceUrl);
        Assert.Equal(TestActivities.UserId, record.Reference.UserId);
        Assert.Equal(TestActivities.TenantId, record.Reference.TenantId);
        Assert.Equal(TestActivities.BotId, record.Reference.BotId);
        Assert.False(record.IsUninstalled);
    }

    [Fact]
    public async Task PersonalInstall_ConversationUpdateFirstWithoutLocale_WelcomesInTheInstallLocale()
    {
        await Bot.PostAsync(TestActivities.PersonalInstallConversationUpdate(Connector.ServiceUrl));
        await Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl, locale: "en-GB"));

        Assert.StartsWith("Hi, and welcome", Assert.Single(Welcomes()));
    }

    [Fact]
    public async Task BotAdded_OnAChannelWithoutInstallationUpdate_Welcomes()
    {
        var added = TestActivities.PersonalInstallConversationUpdate(Connector.ServiceUrl);
        added["channelId"] = "emulator";

        await Bot.PostAsync(added);

        Assert.StartsWith("Hej og velkommen", Assert.Single(Welcomes()));
    }

    [Fact]
    public async Task PersonalInstall_RemovedThenAddedAgain_WelcomesAgain()
    {
        await Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl));
        await Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl, action: "remove"));
        Assert.True((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);

        await Bot.PostAsync(TestActivities.InstallationUpdate(Connector.ServiceUrl, action: "add-upgrade"));

        Assert.Equal(2, Welcomes().Count);
        Assert.False((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
    }

    [Fact]
    public async Task Message_ServiceUrlChanged_StoresTheNewOne()
    {
        await using var moved = await FakeConnector.StartAsync();
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hej"));

        await Bot.PostAsync(TestActivities.Message(moved.ServiceUrl, "hej"));

        Assert.Equal(moved.ServiceUrl, (await RecordAsync(TestActivities.PersonalConversationId))!.Reference.ServiceUrl);
    }

    [Theory]
    [InlineData("da-DK", "Jeg er PeerBot", "Hvad er PeerBot?")]
    [InlineData("en-GB", "I'm PeerBot", "What is PeerBot?")]
    [InlineData("fr-FR", "Jeg er PeerBot", "Hvad er PeerBot?")]
    public async Task Help_InTheTeamsLocale_ComesAsACardWithChoices(string locale, string textStart, string firstChoice)
    {
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "help", locale));

        var reply = Assert.Single(Connector.Sent);
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
        var activity = TestActivities.Message(Connector.ServiceUrl, "help");
        activity.Remove("locale");
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US" });

        await Bot.PostAsync(activity);

        Assert.StartsWith("I'm PeerBot", TextOf(Assert.Single(Connector.Sent)));
    }

    [Fact]
    public async Task ActionSubmit_MessageWithValueAndNoText_ReachesTheDialogAsAChoice()
    {
        await Bot.PostAsync(TestActivities.Submit(Connector.ServiceUrl, "about", "en-GB"));

        Assert.StartsWith("PeerBot follows your group course", TextOf(Assert.Single(Connector.Sent)));
    }

    [Fact]
    public async Task ActionSubmit_WithCrisisLanguageTypedIntoTheCard_GetsTheCrisisReply()
    {
        var submit = TestActivities.Submit(Connector.ServiceUrl, "about", "en-GB");
        submit["value"]!["note"] = "honestly I just want to die";

        await Bot.PostAsync(submit);

        var reply = TextOf(Assert.Single(Connector.Sent));
        Assert.Contains("112", reply);
        Assert.Contains("Livslinien", reply);
    }

    [Theory]
    [InlineData("groupChat", "19:abc@thread.v2")]
    [InlineData("channel", TestActivities.ChannelConversationId)]
    public async Task GroupMention_AnswersBrieflyAndOffersAPrivateChat(string conversationType, string conversationId)
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, "<at>PeerBot</at> hvad er du?", conversationId: conversationId, conversationType: conversationType);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>PeerBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "PeerBot" },
        });

        await Bot.PostAsync(activity);

        var call = Assert.Single(Connector.Calls);
        Assert.Contains(Uri.EscapeDataString(conversationId), call.RawPath);
        Assert.StartsWith("Hej! Her i gruppechatten", TextOf(call.Body!));
        var open = call.Body!["attachments"]![0]!["content"]!["actions"]![0]!;
        Assert.Equal("Action.OpenUrl", (string?)open["type"]);
        Assert.Equal("https://teams.microsoft.com/l/chat/0/0?users=28%3A" + TestActivities.AppId, (string?)open["url"]);
    }

    [Fact]
    public async Task Reply_MemberBlockedTheBot_MarksTheConversationAndComesBackWhenTheyWriteAgain()
    {
        Connector.Script(403, """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the Bot."}}""");

        using var response = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hej"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hej igen"));
        Assert.False((await RecordAsync(TestActivities.PersonalConversationId))!.IsUninstalled);
    }

    private static string CapturedFolder => Path.Combine(RepoPaths.Root, "tests", "PeerBot.Tests", "Teams", "captured");

    public static TheoryData<string> CapturedActivities()
    {
        var data = new TheoryData<string>();
        // Captured from the Agents Playground by tests/tools/capture-activities.js.
        foreach (var file in Directory.EnumerateFiles(CapturedFolder, "*.json", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(CapturedFolder, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CapturedActivities))]
    public async Task CapturedActivity_FromARealClient_Gets200(string file)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(CapturedFolder, file)))!.AsObject();
        if (activity.ContainsKey("serviceUrl"))
            activity["serviceUrl"] = Connector.ServiceUrl;

        using var response = await Bot.PostAsync(activity);

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

using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// PeerBot against the real Teams-shaped client: the Agents Playground installs the app, sends messages, clicks a
/// card and invokes an action, and the test reads what the Playground received.
/// </summary>
public sealed class AgentsPlaygroundTests : IAsyncLifetime
{
    private TestBot bot = null!;
    private AgentsPlayground playground = null!;

    public async Task InitializeAsync()
    {
        bot = await TestBot.StartAsync();
        playground = await AgentsPlayground.StartAsync(new Uri(bot.Http.BaseAddress!, "api/messages"));
    }

    public async Task DisposeAsync()
    {
        await playground.DisposeAsync();
        await bot.DisposeAsync();
    }

    [Fact]
    public async Task Playground_InstallMessageAndCardClick_GetTheRepliesAUserWouldSee()
    {
        await playground.InstallAsync();
        var welcome = await playground.NextMessageAsync();
        Assert.True(AgentsPlayground.TextOf(welcome)?.StartsWith("Hi, and welcome.") == true, welcome.ToJsonString());
        Assert.StartsWith("About your data, briefly", AgentsPlayground.TextOf(await playground.NextMessageAsync()));
        var consent = await playground.NextMessageAsync();
        Assert.Equal("May I keep your reflections, so you can find them again?", AgentsPlayground.TextOf(consent));
        var yes = consent["attachments"]![0]!["content"]!["actions"]![0]!;
        Assert.True(await playground.IsQuietAsync(TimeSpan.FromMilliseconds(500)), "a personal install gets one welcome, not two");

        await playground.ClickAsync(consent, yes["data"]!);
        Assert.StartsWith("Thank you. You can change this", AgentsPlayground.TextOf(await playground.NextMessageAsync()));
        Assert.StartsWith("What would you like to do now?", AgentsPlayground.TextOf(await playground.NextMessageAsync()));

        await playground.SendAsync("help");
        var help = await playground.NextMessageAsync();
        var card = help["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", (string?)card["version"]);
        var privacyButton = card["actions"]!.AsArray().Single(a => (string?)a!["data"]!["choice"] == "privacy")!;

        await playground.ClickAsync(help, privacyButton["data"]!);
        var privacy = await playground.NextMessageAsync();
        Assert.StartsWith("No person reads along here.", AgentsPlayground.TextOf(privacy));
    }

    [Fact]
    public async Task Playground_CardActionInvoke_IsAnsweredInTheSameResponse()
    {
        await playground.SendAsync("help");
        var card = await playground.NextMessageAsync();

        using var response = await playground.InvokeAsync(card, new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pick", ["data"] = new JsonObject { ["choice"] = "about" } },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("application/vnd.microsoft.activity.message", body);
        Assert.StartsWith("PeerBot follows your group course", AgentsPlayground.TextOf(await playground.NextMessageAsync()));
    }

    [Fact]
    public async Task Playground_MentionInGroupChat_AnswersBrieflyWithoutTheMention()
    {
        var config = await playground.ConfigAsync();
        var groupChatId = (string)config["groupChats"]![0]!["id"]!;
        var botAccount = config["bot"]!;

        await playground.SendAsync($"<at>{botAccount["name"]}</at> hvad kan du?", groupChatId, new JsonArray(new JsonObject
        {
            ["mentioned"] = new JsonObject { ["id"] = (string?)botAccount["id"], ["name"] = (string?)botAccount["name"] },
            ["text"] = $"<at>{botAccount["name"]}</at>",
        }));

        var reply = await playground.NextMessageAsync();
        Assert.StartsWith("Hi! In a group I only say briefly who I am.", AgentsPlayground.TextOf(reply));
    }
}

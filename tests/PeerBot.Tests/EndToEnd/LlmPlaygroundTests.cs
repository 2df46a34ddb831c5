using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Scheduling;
using PeerBot.Tests.Support;
using Xunit.Abstractions;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// The language model as a member meets it in a Teams-shaped client: the Agents Playground installs the app, the
/// member says yes to keeping their words and to the model (which a local OpenAI-compatible server stands in for),
/// writes a statement with a part too long for the page, asks for a shorter version, sees it beside their own words,
/// and takes it with a click; and a participant in a group asks what the week's question means and answers it.
/// </summary>
public sealed partial class LlmPlaygroundTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private const string Short = "I would like help finding a calmer everyday life.";
    private TestBot bot = null!;
    private AgentsPlayground playground = null!;
    private FakeChatServer model = null!;

    public async Task InitializeAsync()
    {
        model = await FakeChatServer.StartAsync();
        bot = await TestBot.StartAsync(new Dictionary<string, string?>
        {
            ["PeerBot:Llm:Provider"] = "OpenAICompatible",
            ["PeerBot:Llm:Endpoint"] = model.Endpoint,
            ["PeerBot:Llm:Model"] = "test",
            ["PeerBot:Llm:ProviderName"] = "Test model (local server)",
        }, services: s => s.AddKeyedSingleton<TimeProvider>(ProductClock.Key, clock));
        playground = await AgentsPlayground.StartAsync(new Uri(bot.Http.BaseAddress!, "api/messages"));
    }

    public async Task DisposeAsync()
    {
        await playground.DisposeAsync();
        await bot.DisposeAsync();
        await model.DisposeAsync();
    }

    /// <summary>Reads what the bot sends (and writes it to the test's output) until a message starts with <paramref name="start"/>.</summary>
    private async Task<JsonNode> UntilAsync(string start, AgentsPlayground? client = null)
    {
        while (true)
        {
            var message = await (client ?? playground).NextMessageAsync();
            var text = AgentsPlayground.TextOf(message) ?? "";
            output.WriteLine("PeerBot: " + text);
            if (text.StartsWith(start, StringComparison.Ordinal))
                return message;
        }
    }

    private async Task ClickAsync(JsonNode card, string choice)
    {
        output.WriteLine($"[{choice}]");
        var button = card["attachments"]![0]!["content"]!["actions"]!.AsArray()
            .Single(a => (string?)a!["data"]!["choice"] == choice)!;
        await playground.ClickAsync(card, button["data"]!);
    }

    private async Task SayAsync(string text)
    {
        output.WriteLine("> " + (text.Length > 80 ? text[..80] + " …" : text));
        await playground.SendAsync(text);
    }

    [Fact]
    public async Task Playground_StatementPartTooLong_ShorterVersionOfTheirOwnWords_TakenWithAClick()
    {
        await playground.InstallAsync();
        await ClickAsync(await UntilAsync("May I keep your reflections"), "yes");
        var aboutTheModel = await UntilAsync("Thank you. Your organisation also uses a language model: Test model (local server).");
        Assert.Contains("only when you choose to see a shorter version", AgentsPlayground.TextOf(aboutTheModel));
        await ClickAsync(await UntilAsync("May the language model read your words"), "yes");
        await UntilAsync("Thank you. You can change either answer");

        await SayAsync("personal statement");
        await UntilAsync("Is it for a particular meeting?");
        await SayAsync("skip");
        var longPart = string.Join(" ", [Short, .. Enumerable.Repeat("And time for my garden and my friends when the week gets too busy.", 70)]);
        foreach (var words in new[] { "I am Kim.", "to be heard.", longPart, "look after my garden." })
        {
            await SayAsync(words);
            await UntilAsync("Would you like to add more?");
            await SayAsync("done");
        }
        await UntilAsync("\"I would like help with\" takes up more room than there is");
        model.Reply = Short;
        await ClickAsync(await UntilAsync("Would you like to write that part shorter yourself"), "shorter");

        var beside = await UntilAsync("Your words now:");
        Assert.Contains(longPart, AgentsPlayground.TextOf(beside));
        Assert.EndsWith("A shorter version, only in your own words:\n" + Short, AgentsPlayground.TextOf(beside));
        await ClickAsync(await UntilAsync("Would you like to use the shorter version"), "yes");
        await UntilAsync("The shorter version is now in your statement.");
        var review = await UntilAsync("Here is your statement:");
        Assert.Contains("I would like help with\n" + Short + "\n", AgentsPlayground.TextOf(review));
        await ClickAsync(await UntilAsync("Would you like to save it"), "save");
        await UntilAsync("Your statement is saved as number 1.");
    }

    [Fact]
    public async Task Playground_Participant_AsksWhatTheQuestionMeans_AndGetsTheirWordsReflected()
    {
        const string participant = "user-id-1";
        await using var other = await AgentsPlayground.StartAsync(new Uri(bot.Http.BaseAddress!, "api/messages"), "a:participant-chat");
        // The peer says yes to keeping words and no to the model; the participant yes to both.
        await playground.InstallAsync();
        await ClickAsync(await UntilAsync("May I keep your reflections"), "yes");
        await ClickAsync(await UntilAsync("May the language model read your words"), "no");
        await UntilAsync("That's completely fine.");
        foreach (var (said, reply) in new[] { ("create group", "What should the group be called?"), ("Thursday group", "When is the first session?"),
                     ("19.3.2026 17:00", "Which region"), ("Central Denmark Region", "Shall I create it?") })
        {
            await SayAsync(said);
            await UntilAsync(reply);
        }
        await SayAsync("yes");
        var code = ParticipantCode().Match(AgentsPlayground.TextOf(await UntilAsync("The group \"Thursday group\" is created"))!).Groups[1].Value;
        foreach (var said in new[] { "consent", "yes", "yes", "join", code })
            await other.SendAsAsync(participant, said);
        await UntilAsync("Welcome to \"Thursday group\"", other);

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await bot.Services.GetRequiredService<InvitationScheduler>().RunAsync(default);
        await UntilAsync("Only if you feel like it", other);
        model.Reply = "How did the first time in the group feel for you?";
        await other.SendAsAsync(participant, "What do you mean?");
        Assert.Equal(model.Reply, AgentsPlayground.TextOf(await UntilAsync("How did the first time", other)));
        await UntilAsync("The question is completely open", other);

        model.Reply = "You write that you were nervous, and glad you went.";
        await other.SendAsAsync(participant, null, choice: "answer");
        await UntilAsync("You can write as much", other);
        await other.SendAsAsync(participant, "I was nervous, but I am glad I went.");
        await other.SendAsAsync(participant, "done");
        await other.SendAsAsync(participant, null, choice: "keep");
        Assert.Equal(model.Reply, AgentsPlayground.TextOf(await UntilAsync("You write that", other)));
        await UntilAsync("It's saved, and only you can see it.", other);
        // The peer's own chat never reached the model: only the participant's question and answer did.
        Assert.Equal(2, model.Requests.Count);
    }

    [GeneratedRegex(@"use the code ([A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex ParticipantCode();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Scheduling;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// A group's week through real Teams-shaped clients: a peer in one Agents Playground sets up the group, a participant
/// in another joins, PeerBot's clock reaches the send time, the invitation arrives in the participant's chat, they
/// answer, and the peer's view changes.
/// </summary>
public sealed partial class GroupPlaygroundTests : IAsyncLifetime
{
    private const string Participant = "user-id-1";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private TestBot bot = null!;
    private AgentsPlayground peer = null!;
    private AgentsPlayground participant = null!;

    public async Task InitializeAsync()
    {
        bot = await TestBot.StartAsync(services: s => s.AddKeyedSingleton<TimeProvider>(ProductClock.Key, clock));
        var endpoint = new Uri(bot.Http.BaseAddress!, "api/messages");
        peer = await AgentsPlayground.StartAsync(endpoint, "a:peer-chat");
        participant = await AgentsPlayground.StartAsync(endpoint, "a:participant-chat");
    }

    public async Task DisposeAsync()
    {
        await participant.DisposeAsync();
        await peer.DisposeAsync();
        await bot.DisposeAsync();
    }

    private static string TextOf(JsonNode message) => AgentsPlayground.TextOf(message) ?? "";

    private static async Task<string> UntilAsync(AgentsPlayground playground, string startsWith)
    {
        while (true)
        {
            var text = TextOf(await playground.NextMessageAsync());
            if (text.StartsWith(startsWith, StringComparison.Ordinal))
                return text;
        }
    }

    [Fact]
    public async Task GroupWeek_ThroughTheRealClient_InvitationArrivesAndThePeersViewChanges()
    {
        await peer.InstallAsync();
        var consent = await peer.NextMessageAsync();
        while (!TextOf(consent).StartsWith("May I keep", StringComparison.Ordinal))
            consent = await peer.NextMessageAsync();
        await peer.ClickAsync(consent, consent["attachments"]![0]!["content"]!["actions"]![0]!["data"]!);
        await UntilAsync(peer, "Thank you.");

        await peer.SendAsync("create group");
        await UntilAsync(peer, "What should the group be called?");
        await peer.SendAsync("Thursday group");
        await UntilAsync(peer, "When is the first session?");
        await peer.SendAsync("19.3.2026 17:00");
        await UntilAsync(peer, "Which region does the group meet in?");
        await peer.SendAsync("Central Denmark Region");
        await UntilAsync(peer, "Shall I create it?");
        await peer.SendAsync("yes");
        var created = await UntilAsync(peer, "The group \"Thursday group\" is created");
        var code = ParticipantCode().Match(created).Groups[1].Value;

        await peer.SendAsync("my groups");
        Assert.Contains("Participants: 0.", await UntilAsync(peer, "\"Thursday group\""));

        foreach (var said in new[] { "consent", "yes", "join", code })
            await participant.SendAsAsync(Participant, said);
        await UntilAsync(participant, "Welcome to \"Thursday group\"");

        await peer.SendAsync("my groups");
        Assert.Contains("Participants: 1.", await UntilAsync(peer, "\"Thursday group\""));

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await bot.Services.GetRequiredService<InvitationScheduler>().RunAsync(default);
        var invitation = await UntilAsync(participant, "Only if you feel like it");
        Assert.EndsWith("How was it for you to be there the first time?", invitation);

        await participant.SendAsAsync(Participant, null, choice: "answer");
        await UntilAsync(participant, "You can write as much");
        await participant.SendAsAsync(Participant, "PRIVATE-WORDS nervous but glad");
        await participant.SendAsAsync(Participant, "done");
        await participant.SendAsAsync(Participant, null, choice: "keep");
        await UntilAsync(participant, "It's saved, and only you can see it.");

        await peer.SendAsync("my groups");
        var view = await UntilAsync(peer, "\"Thursday group\"");
        Assert.Contains("Participants: 1.", view);
        var weekLine = TextOf(await peer.NextMessageAsync());
        Assert.StartsWith("This week's numbers show once each covers at least three people", weekLine);
        Assert.DoesNotContain("PRIVATE-WORDS", view + weekLine);
    }

    [GeneratedRegex(@"use the code ([A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex ParticipantCode();
}

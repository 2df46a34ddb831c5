using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Scheduling;
using PeerBot.Dialogs.Groups;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Groups;

/// <summary>
/// A peer and three participants through the real host: the group is set up, they join, the clock reaches the send
/// time, the invitations arrive, participants answer, the peer's counts change. The product clock is fake.
/// </summary>
public sealed class GroupsThroughTheHostTests : BotWithConnector
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    protected override FakeTimeProvider Clock => clock;

    private async Task SayAsync(string member, string text, string? choice = null)
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, choice is null ? text : null, conversationId: $"a:{member}");
        activity["from"]!["id"] = member;
        if (choice is not null)
        {
            activity.Remove("text");
            activity["value"] = new JsonObject { ["choice"] = choice };
        }
        (await Bot.PostAsync(activity)).EnsureSuccessStatusCode();
    }

    private List<JsonNode> SentTo(string member) =>
        Connector.Calls.Where(c => c.RawPath.StartsWith($"/v3/conversations/a%3A{Uri.EscapeDataString(member)}/", StringComparison.Ordinal) && c.Body is not null)
            .Select(c => c.Body!).ToList();

    private static string? TextOf(JsonNode message) =>
        (string?)message["text"] ?? (string?)message["attachments"]?[0]?["content"]?["body"]?[0]?["text"];

    private Task SendDueAsync() => Bot.Services.GetRequiredService<InvitationScheduler>().RunAsync(default);

    private async Task<Group> GroupWithParticipantsAsync(params string[] participants)
    {
        foreach (var text in new[] { "opret gruppe", "Torsdagsgruppen", "19.3.2026 kl. 17:00", "Region Hovedstaden", "ja" })
            await SayAsync("29:peer", text);
        var group = Assert.Single(await Bot.Services.GetRequiredService<IGroupDirectory>().AllAsync(default));
        foreach (var participant in participants)
        {
            foreach (var text in new[] { "samtykke", "ja", "deltag", group.JoinCode })
                await SayAsync(participant, text);
        }
        return group;
    }

    private async Task AnswerAsync(string member, string words)
    {
        await SayAsync(member, "", choice: "answer");
        await SayAsync(member, words);
        await SayAsync(member, "færdig");
        await SayAsync(member, "", choice: "keep");
    }

    private async Task<string> PeerSeesAsync()
    {
        await SayAsync("29:peer", "mine grupper");
        return string.Join("\n", SentTo("29:peer").TakeLast(2).Select(TextOf));
    }

    [Fact]
    public async Task WeeklyInvitation_ArrivesAtTenTheDayAfter_OnceEach_AndCountsReachThePeerOnlyAsNumbers()
    {
        string[] participants = ["29:p1", "29:p2", "29:p3"];
        await GroupWithParticipantsAsync(participants);

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 8, 59, 0, TimeSpan.Zero));
        await SendDueAsync();
        Assert.All(participants, p => Assert.DoesNotContain(SentTo(p), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true));

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SendDueAsync();
        foreach (var participant in participants)
        {
            var invitations = SentTo(participant).Where(m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true).ToList();
            var invitation = Assert.Single(invitations);
            Assert.Null((string?)invitation["replyToId"]);
        }

        await AnswerAsync("29:p1", "MINE-EGNE-ORD første gang");
        var early = await PeerSeesAsync();
        Assert.Contains("Denne uges tal vises først", early);

        await AnswerAsync("29:p2", "MINE-EGNE-ORD anden");
        await AnswerAsync("29:p3", "MINE-EGNE-ORD tredje");
        var later = await PeerSeesAsync();
        Assert.Contains("Denne uge: 3 har fået spørgsmålet, 3 har svaret, 0 har sprunget over, og 0 holder pause.", later);
        Assert.DoesNotContain(SentTo("29:peer"), m => m.ToJsonString().Contains("MINE-EGNE-ORD") || m.ToJsonString().Contains("29:p1"));
    }

    [Fact]
    public async Task WeeklyInvitation_DueWhileTheBotWasDown_IsSentOnceWhenItIsBack()
    {
        await GroupWithParticipantsAsync("29:p1");

        // The bot "was down" from before 10:00 until the afternoon; the first pass after that sends the invitation.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 14, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SendDueAsync();

        Assert.Single(SentTo("29:p1"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);
    }

    [Fact]
    public async Task WeeklyInvitation_PausedMember_GetsNothing_AndResumingBringsTheNextWeek()
    {
        await GroupWithParticipantsAsync("29:p1");
        await SayAsync("29:p1", "pause");

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        Assert.DoesNotContain(SentTo("29:p1"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);
        var week1 = (await Bot.Services.GetRequiredService<IGroupDirectory>().AllAsync(default)).Single().Week(1);
        Assert.Equal(["29:p1"], week1.Paused);
        Assert.Empty(week1.Invited);

        await SayAsync("29:p1", "fortsæt");
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        Assert.Single(SentTo("29:p1"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);
    }

    [Fact]
    public async Task BringReminder_TwoHoursBeforeTheNextSession_CarriesTheMembersWords()
    {
        await GroupWithParticipantsAsync("29:p1");
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SayAsync("29:p1", "", choice: "answer");
        await SayAsync("29:p1", "Min tur til stranden");
        await SayAsync("29:p1", "færdig");
        await SayAsync("29:p1", "", choice: "bring");

        // Session 2 is Thursday 26 March at 17:00 local (16:00 UTC): the reminder is due at 14:00 UTC.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 13, 59, 0, TimeSpan.Zero));
        await SendDueAsync();
        Assert.DoesNotContain(SentTo("29:p1"), m => TextOf(m)?.StartsWith("\"Torsdagsgruppen\" mødes snart") == true);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 14, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SendDueAsync();

        var reminder = Assert.Single(SentTo("29:p1"), m => TextOf(m)?.StartsWith("\"Torsdagsgruppen\" mødes snart") == true);
        Assert.EndsWith("Min tur til stranden", TextOf(reminder));
    }

    [Fact]
    public async Task AnswerReminder_OnlyForThoseWhoAskedForIt_AtMostOnce()
    {
        await GroupWithParticipantsAsync("29:p1", "29:p2");
        await SayAsync("29:p1", "påmind mig");
        await SayAsync("29:p1", "Ugens spørgsmål");   // the button's label, not the command of the same words
        await SayAsync("29:p1", "ja");
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SayAsync("29:p1", "", choice: "later");

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();
        await SendDueAsync();

        Assert.Single(SentTo("29:p1"), m => TextOf(m) == "Ugens spørgsmål ligger her stadig, hvis du har lyst til at svare.");
        Assert.Equal(2, SentTo("29:p1").Count(m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true));
        Assert.DoesNotContain(SentTo("29:p2"), m => TextOf(m)?.StartsWith("Ugens spørgsmål ligger her stadig") == true);
        Assert.Single(SentTo("29:p2"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);
    }

    [Fact]
    public async Task DeleteMyData_TakesTheMemberOutOfEveryGroup_SoNoCountIncludesThem()
    {
        var group = await GroupWithParticipantsAsync("29:p1", "29:p2");
        var directory = Bot.Services.GetRequiredService<IGroupDirectory>();
        await directory.ApplyAsync(new MarkAnswered(group.Id, 1, new PeerBot.Dialogs.Conversations.MemberId("29:p1")), default);

        await SayAsync("29:p1", "slet mine data");
        await SayAsync("29:p1", "ja");

        var after = (await directory.FindAsync(group.Id, default))!;
        Assert.Equal(["29:p2"], after.Participants.Select(p => p.Member.Value));
        Assert.Empty(after.Week(1).Answered);
    }

    [Fact]
    public async Task Retention_ASilentMember_LeavesTheirGroupsToo()
    {
        var group = await GroupWithParticipantsAsync("29:p1", "29:p2");
        clock.Advance(TimeSpan.FromDays(167));
        await SayAsync("29:p2", "hjælp");   // p2 keeps writing
        var sweeper = Bot.Services.GetRequiredService<RetentionSweeper>();
        await sweeper.RunAsync(default);   // the notice
        clock.Advance(TimeSpan.FromDays(14));
        await SayAsync("29:p2", "hjælp");

        await sweeper.RunAsync(default);

        var after = (await Bot.Services.GetRequiredService<IGroupDirectory>().FindAsync(group.Id, default))!;
        Assert.Equal(["29:p2"], after.Participants.Select(p => p.Member.Value));
    }

    [Fact]
    public async Task WeeklyInvitation_NotSentToWhoAnsweredTheWeeksQuestionOnTheirOwn()
    {
        await GroupWithParticipantsAsync("29:p1", "29:p2");
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero));   // after session 1, before its invitation
        await SayAsync("29:p1", "ugens spørgsmål");
        await AnswerAsync("29:p1", "Det var godt at komme.");

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await SendDueAsync();

        Assert.Single(SentTo("29:p1"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);   // the one they asked for
        Assert.Single(SentTo("29:p2"), m => TextOf(m)?.StartsWith("Her er ugens spørgsmål") == true);
    }
}

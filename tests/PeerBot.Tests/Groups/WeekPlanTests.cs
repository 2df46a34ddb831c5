using Microsoft.AspNetCore.DataProtection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Safety;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Groups;

/// <summary>A peer looks at the coming invitation and changes it; the participant then gets what the peer chose.</summary>
public sealed class WeekPlanTests
{
    private static readonly DateTimeOffset BeforeSession1 = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
    private readonly GroupDirectory groups = new(new InMemoryStore(), new EphemeralDataProtectionProvider());
    private readonly IReadOnlyDictionary<string, Course> courses = Course.LoadBuiltIn();

    private async Task<(Group Group, TestChat Peer, TestChat Participant)> SetUpAsync(string locale = "da")
    {
        var group = new Group(new GroupId("g1"), "Torsdagsgruppen", Course.DefaultId, new DateTime(2026, 3, 19, 17, 0, 0), "Europe/Copenhagen", "da",
            JoinCodes.New(), JoinCodes.New(), 2,
            [new GroupMember(new MemberId("29:peer"), "msteams/a:peer", BeforeSession1)],
            [new GroupMember(new MemberId("29:anna"), "msteams/a:anna", BeforeSession1)]);
        await groups.ApplyAsync(new CreateGroup(group), default);
        IReadOnlyList<IDialog> dialogs = [new WeekPlanDialog(groups, courses, new PhrasingGuard()), new GroupSettingsDialog(groups, courses), new WeeklyReflectionDialog(groups, courses)];
        return (group,
            new TestChat(dialogs, locale, "29:peer", "msteams/a:peer", groups: groups) { Now = BeforeSession1 },
            new TestChat(dialogs, locale, "29:anna", "msteams/a:anna", groups: groups) { Now = BeforeSession1.AddDays(8) });
    }

    [Fact]
    public async Task WeekPlan_ShowsTheComingQuestion_AndAnotherOfTheWeeksQuestions()
    {
        var (_, peer, _) = await SetUpAsync();

        var coming = await peer.SayAsync("ugens plan");
        Assert.Equal("\"Torsdagsgruppen\": efter mødegang 1 (Ankomst og opstart) sendes spørgsmålet fredag d. 20. marts 2026 kl. 10.00: Hvordan var det for dig at være med første gang?", coming[0].Text);

        var other = await peer.ClickAsync("other-question");
        Assert.EndsWith("Hvad ville gøre gruppen til et godt sted for dig at være?", other[0].Text);
        Assert.Equal("kept", await peer.LinesAfterAsync("Det er fint"));
    }

    [Fact]
    public async Task WeekPlan_OwnQuestionThatReadsAsAdvice_IsExplainedAndCanBeRephrased()
    {
        var (group, peer, participant) = await SetUpAsync();
        await peer.SayAsync("ugens plan");
        Assert.Equal("own", await peer.LinesAfterAsync("Vores eget spørgsmål"));

        Assert.Equal("why-obligation,use-anyway", await peer.LinesAfterAsync("Du bør skrive dagbog hver aften."));
        Assert.Equal("own", await peer.LinesAfterAsync("nej"));
        Assert.Equal("own-saved", await peer.LinesAfterAsync("Hvad har overrasket dig i denne uge?"));

        var invitation = await participant.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));
        Assert.StartsWith("Her er ugens spørgsmål fra \"Torsdagsgruppen\".", invitation[0].Text);
        Assert.EndsWith("\n\nHvad har overrasket dig i denne uge?", invitation[0].Text);
    }

    [Fact]
    public async Task WeekPlan_PeerWritesCrisisWordsAsTheirOwnQuestion_GetsTheCrisisReply_AndNothingIsSaved()
    {
        var (group, peer, _) = await SetUpAsync();
        await peer.SayAsync("ugens plan");
        await peer.SayAsync("Vores eget spørgsmål");

        var replies = await peer.SayAsync("ærligt talt har jeg selv lyst til at tage mit liv i aften");

        Assert.Equal("crisis", replies[0].LineId);
        Assert.Equal(WeekPlan.Default, (await groups.FindAsync(group.Id, default))!.Plan(1));
    }

    [Fact]
    public async Task WeekPlan_ParticipantsCannotChangeIt()
    {
        var (_, _, participant) = await SetUpAsync();

        Assert.Equal("not-facilitator", await participant.LinesAfterAsync("ugens plan"));
    }

    [Fact]
    public async Task WeekPlan_SkipTheWeek_NoInvitationIsDue()
    {
        var (group, peer, _) = await SetUpAsync();
        await peer.SayAsync("ugens plan");

        Assert.Equal("week-skipped", await peer.LinesAfterAsync("Intet spørgsmål i denne uge"));

        var stored = (await groups.FindAsync(group.Id, default))!;
        Assert.Null(stored.InvitationDue(11, new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task WeekPlan_SendNow_OnlyAfterTheSession_ThenTheInvitationIsDueAtOnce()
    {
        var (group, peer, _) = await SetUpAsync();
        await peer.SayAsync("ugens plan");

        var early = await peer.SayAsync("Send det nu");
        Assert.Equal("Spørgsmålet hører til mødegang 1, som er torsdag d. 19. marts 2026 kl. 17.00. Det kan sendes, når I har haft mødet.", early[0].Text);
        Assert.Equal("what-now", early[1].LineId);
        Assert.Null((await groups.FindAsync(group.Id, default))!.InvitationDue(11, BeforeSession1));
        await peer.SayAsync("Det er fint");

        var afterSession = new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero);   // 19:00 in Denmark, the session has been
        peer.Now = afterSession;
        await peer.SayAsync("ugens plan");
        Assert.Equal("sending-now", await peer.LinesAfterAsync("Send det nu"));

        var stored = (await groups.FindAsync(group.Id, default))!;
        Assert.Null(group.InvitationDue(11, afterSession));
        Assert.Equal(1, stored.InvitationDue(11, afterSession));
    }

    [Fact]
    public async Task WeekPlan_AndTheGroupsSettings_AreReachableFromEachOther()
    {
        var (_, plan, _) = await SetUpAsync();
        await plan.SayAsync("ugens plan");

        Assert.Equal("the-group,what", await plan.LinesAfterAsync("Gruppens indstillinger"));
        Assert.Equal("coming,what-now", await plan.LinesAfterAsync("Ugens plan"));
        Assert.Equal("kept", await plan.LinesAfterAsync("Det er fint"));
        Assert.Empty(plan.State.Dialogs);
    }

    [Fact]
    public async Task WeekPlan_PeerWithTwoGroups_IsAskedWhich()
    {
        var (_, peer, _) = await SetUpAsync();
        await groups.ApplyAsync(new CreateGroup(new Group(new GroupId("g2"), "Mandagsgruppen", Course.DefaultId, new DateTime(2026, 3, 23, 10, 0, 0), "Europe/Copenhagen", "da",
            JoinCodes.New(), JoinCodes.New(), 2, [new GroupMember(new MemberId("29:peer"), "msteams/a:peer", BeforeSession1)], [])), default);

        Assert.Equal("pick-group,pick-group.item,pick-group.item,which-group", await peer.LinesAfterAsync("ugens plan"));
        var coming = await peer.SayAsync("2");

        Assert.StartsWith("\"Mandagsgruppen\": efter mødegang 1", coming[0].Text);
    }
}

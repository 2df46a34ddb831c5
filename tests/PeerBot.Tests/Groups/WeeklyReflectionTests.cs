using Microsoft.AspNetCore.DataProtection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Groups;

/// <summary>The week's invitation and answer, as the participant meets them, in both languages.</summary>
public sealed class WeeklyReflectionTests
{
    private static readonly DateTimeOffset AfterSession1 = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly GroupDirectory groups = new(new InMemoryStore(), new EphemeralDataProtectionProvider());
    private readonly IReadOnlyDictionary<string, Course> courses = Course.LoadBuiltIn();

    private async Task<(Group Group, TestChat Participant)> GroupWithParticipantAsync(string locale = "da")
    {
        var group = new Group(new GroupId("g1"), "Torsdagsgruppen", Course.DefaultId, new DateTime(2026, 3, 19, 17, 0, 0), "Europe/Copenhagen", "da",
            JoinCodes.New(), JoinCodes.New(), 2, [], [new GroupMember(new MemberId("29:member"), "msteams/a:chat", AfterSession1)]);
        await groups.ApplyAsync(new CreateGroup(group), default);
        var chat = new TestChat([new WeeklyReflectionDialog(groups, courses), new MyReflectionsDialog(courses), new BringReminderDialog(groups)], locale, groups: groups) { Now = AfterSession1 };
        return (group, chat);
    }

    [Fact]
    public async Task Invitation_AnsweredInSeveralMessages_IsSavedInTheMembersOwnWords()
    {
        var (group, chat) = await GroupWithParticipantAsync();

        var invitation = await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));
        Assert.Equal("Her er ugens spørgsmål fra \"Torsdagsgruppen\". Du kan svare, hvis du har lyst, springe over eller svare senere:\n\nHvordan var det for dig at være med første gang?", invitation[0].Text);
        var buttons = Assert.IsType<ChoiceReply>(invitation[1]);
        Assert.Equal(["Svar", "Et andet spørgsmål", "Hvad mener du?", "Senere", "Spring over", "Hold pause"], buttons.Choices.Select(c => c.Label));

        Assert.Equal("answer", await chat.LinesAfterAsync("1"));
        Assert.Equal("answer.more", await chat.LinesAfterAsync("Det var nervepirrende,"));
        Assert.Equal("more-short", await chat.LinesAfterAsync("men de andre var søde."));
        Assert.Equal("thanks,keep-or-bring", await chat.LinesAfterAsync("færdig"));
        Assert.Equal("saved-bring", await chat.LinesAfterAsync("Med til gruppen"));

        var reflection = Assert.Single(chat.State.Reflections);
        Assert.Equal(["Det var nervepirrende,", "men de andre var søde."], reflection.Texts.Select(t => t.Reveal()));
        Assert.True(reflection.BringToGroup);
        Assert.Equal("1a", reflection.QuestionId);
        Assert.Equal(["29:member"], (await groups.FindAsync(group.Id, default))!.Week(1).Answered);
    }

    [Theory]
    [InlineData("da", "hvad mener du?")]
    [InlineData("da", "Hvad mener du")]
    [InlineData("en", "what do you mean?")]
    public async Task Invitation_WhatDoYouMean_SaysThereIsNoRightAnswerAndOffersTheChoicesAgain(string locale, string typed)
    {
        var (group, chat) = await GroupWithParticipantAsync(locale);
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));

        Assert.Equal("explained,what-now", await chat.LinesAfterAsync(typed));
        Assert.Equal("answer", await chat.LinesAfterAsync("1"));
    }

    [Fact]
    public async Task WeeksQuestion_MemberWhoSaidNoToKeeping_AnswersAndNothingIsKept()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        chat.State = chat.State with { Consent = new PeerBot.Dialogs.Privacy.Consent(false, 1, AfterSession1) };

        Assert.Equal("invite,what-now", await chat.LinesAfterAsync("ugens spørgsmål"));
        await chat.SayAsync("1");
        await chat.SayAsync("Det var svært at sige noget.");

        Assert.Equal("not-kept", await chat.LinesAfterAsync("færdig"));
        Assert.Empty(chat.State.Reflections);
        Assert.Empty(chat.State.Dialogs);
        Assert.DoesNotContain("svært", System.Text.Json.JsonSerializer.Serialize(chat.State));
        Assert.Contains("29:member", (await groups.FindAsync(group.Id, default))!.Week(1).Answered);
    }

    [Fact]
    public async Task WeeksQuestion_AlreadyAnswered_SaysSoBeforeOfferingItAgain()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        await groups.ApplyAsync(new MarkAnswered(group.Id, 1, new MemberId("29:member")), default);

        Assert.Equal("already-answered,invite,what-now", await chat.LinesAfterAsync("ugens spørgsmål"));
    }

    [Fact]
    public async Task Invitation_AnotherQuestion_ShowsTheWeeksNextQuestion()
    {
        var (group, chat) = await GroupWithParticipantAsync("en");
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));

        var other = await chat.ClickAsync("other");

        Assert.Equal("Another of the week's questions from \"Torsdagsgruppen\": What would make the group a good place for you to be?", other[0].Text);
        await chat.ClickAsync("answer");
        await chat.SayAsync("Quiet.");
        await chat.SayAsync("done");
        await chat.ClickAsync("keep");
        Assert.Equal("1b", chat.State.Reflections.Single().QuestionId);
        Assert.False(chat.State.Reflections.Single().BringToGroup);
    }

    public static TheoryData<string, string, bool> OtherChoices => new()
    {
        { "later", "later", false },
        { "skip", "skipped", false },
        { "spring over", "skipped", false },
        { "pause", "paused", true },
    };

    [Theory]
    [MemberData(nameof(OtherChoices))]
    public async Task Invitation_LaterSkipOrPause_KeepsNothingAndNeverNags(string said, string line, bool paused)
    {
        var (group, chat) = await GroupWithParticipantAsync();
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));

        var replies = said is "later" or "skip" or "pause" ? await chat.ClickAsync(said) : await chat.SayAsync(said);

        Assert.Equal(line, Assert.Single(replies).LineId);
        Assert.Empty(chat.State.Reflections);
        Assert.Empty(chat.State.Dialogs);
        Assert.Equal(paused, chat.State.IsPaused);
    }

    [Fact]
    public async Task Invitation_WhilePausedOrHeldOrWithoutConsent_IsNotShown()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        var payload = WeeklyReflectionDialog.Payload(group.Id, 1);
        var consentYes = chat.State;

        chat.State = consentYes with { IsPaused = true };
        Assert.Empty(await chat.ScheduledAsync(payload));
        chat.State = consentYes with { PromptsHeldUntilUtc = AfterSession1.AddHours(1) };
        Assert.Empty(await chat.ScheduledAsync(payload));
        chat.State = consentYes with { Consent = null };
        Assert.Empty(await chat.ScheduledAsync(payload));
    }

    [Fact]
    public async Task WeeksQuestion_AskedForByTheMember_IsTheLatestSessions()
    {
        var (_, chat) = await GroupWithParticipantAsync();
        chat.Now = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

        var replies = await chat.SayAsync("ugens spørgsmål");

        Assert.EndsWith("Hvad har du lyst til at dele med andre om dig selv – og hvad vil du gerne holde for dig selv?", replies[0].Text);
    }

    private async Task<TestChat> WithOneReflectionAsync()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));
        foreach (var said in new[] { "1", "Det var godt at være der.", "færdig", "Kun for mig" })
            await chat.SayAsync(said);
        return chat;
    }

    [Fact]
    public async Task MyReflections_ReadInFull_ThenChanged()
    {
        var chat = await WithOneReflectionAsync();

        Assert.Equal("list,item,which", await chat.LinesAfterAsync("mine refleksioner"));
        Assert.Equal("1. Mødegang 1: Hvordan var det for dig at være med første gang? (kun for dig)", chat.LastReplies[1].Text);
        var shown = await chat.SayAsync("1");
        Assert.Equal("Hvordan var det for dig at være med første gang?\n\nDet var godt at være der.", shown[0].Text);
        Assert.Equal("new-text", await chat.LinesAfterAsync("Ret"));
        await chat.SayAsync("Det var svært i starten, men godt.");
        Assert.Equal("changed", await chat.LinesAfterAsync("færdig"));

        Assert.Equal("Det var svært i starten, men godt.", chat.State.Reflections.Single().Texts.Single().Reveal());
    }

    [Fact]
    public async Task MyReflections_Deleted_AfterAYes()
    {
        var chat = await WithOneReflectionAsync();
        await chat.SayAsync("mine refleksioner");
        await chat.SayAsync("1");

        Assert.Equal("sure", await chat.LinesAfterAsync("slet"));
        Assert.Equal("deleted", await chat.LinesAfterAsync("ja"));

        Assert.Empty(chat.State.Reflections);
        Assert.Equal("none", await chat.LinesAfterAsync("mine refleksioner"));
    }

    [Fact]
    public async Task MyReflections_NumberNotInTheList_AsksAgain()
    {
        var chat = await WithOneReflectionAsync();
        await chat.SayAsync("mine refleksioner");

        Assert.Equal("not-a-number,which", await chat.LinesAfterAsync("7"));
    }

    [Fact]
    public async Task BringReminder_WithTheMembersOwnWords_Once()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));
        foreach (var said in new[] { "1", "Jeg vil fortælle om min tur.", "færdig", "Med til gruppen" })
            await chat.SayAsync(said);

        var reminder = Assert.Single(await chat.ScheduledAsync(BringReminderDialog.Payload(group.Id, 1)));

        Assert.Equal("\"Torsdagsgruppen\" mødes snart. Du har markeret det her som noget, du vil tage med – hvis du stadig har lyst:\n\nJeg vil fortælle om min tur.", reminder.Text);
        Assert.Empty(await chat.ScheduledAsync(BringReminderDialog.Payload(group.Id, 1)));
    }

    [Fact]
    public async Task BringReminder_TurnedOff_ComesNot_AndNothingMarkedMeansNothing()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        Assert.Empty(await chat.ScheduledAsync(BringReminderDialog.Payload(group.Id, 1)));
        await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1));
        foreach (var said in new[] { "1", "Noget.", "færdig", "Med til gruppen" })
            await chat.SayAsync(said);

        Assert.Equal("want", await chat.LinesAfterAsync("påmindelse før mødegang"));
        Assert.Equal("now-off", await chat.LinesAfterAsync("nej"));

        Assert.Empty(await chat.ScheduledAsync(BringReminderDialog.Payload(group.Id, 1)));
    }

    [Fact]
    public async Task Invitation_WhileTheMemberIsInTheMiddleOfSomething_Waits()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        await chat.SayAsync("påmindelse før mødegang");

        Assert.Empty(await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 1)));
        Assert.Equal("want", chat.State.Dialogs.Single().WaitingFor);
    }

    [Fact]
    public async Task WeeksQuestion_MemberInTwoGroups_IsAskedWhichFirst()
    {
        var (_, chat) = await GroupWithParticipantAsync();
        var second = new Group(new GroupId("g2"), "Mandagsgruppen", Course.DefaultId, new DateTime(2026, 3, 16, 10, 0, 0), "Europe/Copenhagen", "da",
            JoinCodes.New(), JoinCodes.New(), 2, [], [new GroupMember(new MemberId("29:member"), "msteams/a:chat", AfterSession1)]);
        await groups.ApplyAsync(new CreateGroup(second), default);

        Assert.Equal("pick-group,pick-group.item,pick-group.item,which-group", await chat.LinesAfterAsync("ugens spørgsmål"));
        Assert.Equal("2. Torsdagsgruppen", chat.LastReplies[2].Text);
        Assert.Equal("pick-group.retry,which-group", await chat.LinesAfterAsync("5"));
        var invitation = await chat.SayAsync("1");

        Assert.Contains("ugens spørgsmål fra \"Mandagsgruppen\"", invitation[0].Text);
    }

    [Fact]
    public async Task Invitation_Session8sStatementQuestion_OffersThePersonalStatement()
    {
        var (group, chat) = await GroupWithParticipantAsync();
        chat.Now = new DateTimeOffset(2026, 5, 8, 9, 0, 0, TimeSpan.Zero);
        await groups.UpdateAsync(group.Id, g => g.WithPlan(8, p => p with { QuestionIndex = 2 }), default);

        var invitation = await chat.ScheduledAsync(WeeklyReflectionDialog.Payload(group.Id, 8));

        Assert.Equal(["invite", "statement-offer", "what-now"], invitation.Select(r => r.LineId));
        Assert.EndsWith("hvad ville du så starte med?", invitation[0].Text);
    }
}

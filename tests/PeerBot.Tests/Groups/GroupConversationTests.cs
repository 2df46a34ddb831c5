using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Safety;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Groups;

/// <summary>A peer sets up a group and participants join, each in their own 1:1 chat, over one group directory.</summary>
public sealed class GroupConversationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly GroupDirectory groups = new(new InMemoryStore(), new EphemeralDataProtectionProvider());

    private TestChat Chat(string member, string locale = "da")
    {
        var courses = Course.LoadBuiltIn();
        return new TestChat([new CreateGroupDialog(courses), new JoinGroupDialog(groups), new MyGroupsDialog(groups), new GroupSettingsDialog(groups, courses),
            new WeekPlanDialog(groups, courses, new PhrasingGuard())],
            locale, member, $"msteams/a:{member}", new GroupRegions(groups), groups) { Now = Now };
    }

    /// <summary>A member with every product dialog, in their own 1:1 chat.</summary>
    private TestChat Member(string member, string locale = "da") =>
        new(ProductDialogs.All(groups), locale, member, $"msteams/a:{member[3..]}", new GroupRegions(groups), groups) { Now = Now };

    private async Task<Group> CreateGroupAsync(TestChat peer, string region = "hovedstaden")
    {
        await peer.SayAsync("opret gruppe");
        await peer.SayAsync("Torsdagsgruppen");
        await peer.SayAsync("19.3.2026 kl. 17:00");
        await peer.ClickAsync(region);
        await peer.SayAsync("ja");
        return Assert.Single(await groups.AllAsync(default));
    }

    [Fact]
    public async Task CreateGroup_PeerAnswersTwoQuestions_GetsTwoCodes()
    {
        var peer = Chat("29:peer");

        Assert.Equal("intro,name", await peer.LinesAfterAsync("opret gruppe"));
        Assert.Equal("first-session", await peer.LinesAfterAsync("Torsdagsgruppen"));
        Assert.Equal("first-session.retry,first-session", await peer.LinesAfterAsync("på torsdag"));
        var summary = await peer.SayAsync("19.3.2026 kl. 17:00");
        Assert.Equal("Gruppen \"Torsdagsgruppen\" med første mødegang torsdag d. 19. marts 2026 kl. 17.00.", summary[0].Text);
        Assert.Equal("region", summary[1].LineId);
        Assert.Equal("create", await peer.LinesAfterAsync("Region Syddanmark"));
        var created = Assert.Single(await peer.SayAsync("ja"));

        var group = Assert.Single(await groups.AllAsync(default));
        Assert.Equal("Torsdagsgruppen", group.Name);
        Assert.Equal(new DateTime(2026, 3, 19, 17, 0, 0), group.FirstSessionLocal);
        Assert.Equal("29:peer", group.Facilitators.Single().Member.Value);
        Assert.Equal("syddanmark", group.Region);
        Assert.Equal("msteams/a:29:peer", group.Facilitators.Single().ConversationKey);
        Assert.Contains(JoinCodes.Display(group.JoinCode), created.Text);
        Assert.Contains(JoinCodes.Display(group.FacilitatorCode), created.Text);
        Assert.Contains("11 mødegange", created.Text);
        Assert.Contains("torsdag d. 2. april 2026 kl. 17.00", created.Text);
    }

    [Fact]
    public async Task CreateGroup_CommandsAndSlips_AreUnderstoodOrAskedAbout_NeverStoredAsTheName()
    {
        var peer = Chat("29:peer");

        Assert.Equal("did-you-mean", await peer.LinesAfterAsync("opret grupe"));
        Assert.Equal("intro,name", await peer.LinesAfterAsync("ja"));
        Assert.Equal("did-you-mean-or-answer", await peer.LinesAfterAsync("slet mine dat"));
        Assert.Equal("first-session", await peer.LinesAfterAsync("Torsdagsgruppen"));
        await peer.SayAsync("19.3.2026 kl. 17:00");
        Assert.Equal("none,region", await peer.LinesAfterAsync("mine grupper"));   // no groups yet; then the question again
        await peer.ClickAsync("hovedstaden");
        await peer.SayAsync("ja");

        Assert.Equal("Torsdagsgruppen", Assert.Single(await groups.AllAsync(default)).Name);
    }

    [Theory]
    [InlineData("da", "hjælp", "ugens spørgsmål")]
    [InlineData("en", "help", "this week's question")]
    public async Task Member_NotUnderstoodThreeTimesInARow_HearsShorterAnswers_NotTheSameTextAgain(string language, string help, string command)
    {
        var anna = Member("29:anna", language);

        var replies = new List<Reply>();
        foreach (var text in new[] { "hmm", "hvad mener du bare", "asdf" })
            replies.Add(Assert.Single(await anna.SayAsync(text)));

        Assert.Equal(["help-not-in-a-group", "unclear-again", "unclear-still"], replies.Select(r => r.LineId));
        Assert.Equal(3, replies.Select(r => r.Text).Distinct().Count());
        Assert.All(replies, r => Assert.Contains("help-now", Assert.IsType<ChoiceReply>(r).Choices.Select(c => c.Id)));
        Assert.Equal("help-not-in-a-group", await anna.LinesAfterAsync(help));   // asked for, the whole help again
        Assert.Equal("no-group", await anna.LinesAfterAsync(command));
        Assert.Equal("help-not-in-a-group", await anna.LinesAfterAsync("hmm"));   // a new row starts over
    }

    [Fact]
    public async Task Participant_NewToPeerBot_HearsJoiningFirst_AndBeforeTheFirstSessionWhenTheQuestionComes()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var anna = Member("29:anna");
        anna.State = ConversationState.New;

        Assert.Equal("welcome,what-is-kept,keep-reflections", string.Join(",", (await anna.InstalledAsync()).Select(r => r.LineId)));
        Assert.Equal("thanks-yes,what-next", await anna.LinesAfterAsync("ja"));
        var help = Assert.Single(await anna.SayAsync("hjælp"));
        Assert.Equal("help-not-in-a-group", help.LineId);
        Assert.True(help.Text.IndexOf("\"deltag\"", StringComparison.Ordinal) < help.Text.IndexOf("\"personligt statement\"", StringComparison.Ordinal));

        Assert.Equal("no-group", await anna.LinesAfterAsync("ugens spørgsmål"));
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);
        var first = Assert.Single(await anna.SayAsync("ugens spørgsmål"));

        Assert.Equal("Det første spørgsmål fra \"Torsdagsgruppen\" kommer dagen efter første mødegang, som er torsdag d. 19. marts 2026 kl. 17.00.", first.Text);
        Assert.Equal("help", await anna.LinesAfterAsync("hjælp"));
    }

    [Fact]
    public async Task Leave_AsEasyAsJoining_AndTheCountsNoLongerIncludeThem()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        await groups.ApplyAsync(new MarkAnswered(group.Id, 1, new MemberId("29:anna")), default);
        var anna = Member("29:anna");
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);

        Assert.Equal("about,sure", await anna.LinesAfterAsync("forlad gruppe"));
        Assert.Equal("stayed", await anna.LinesAfterAsync("nej"));
        Assert.Single((await groups.FindAsync(group.Id, default))!.Participants);

        await anna.SayAsync("Forlad gruppen");
        var left = Assert.Single(await anna.SayAsync("ja"));

        Assert.Equal("Du er ikke længere med i \"Torsdagsgruppen\". Du kan komme med igen via koden, så længe der er åbent for nye deltagere.", left.Text);
        var after = (await groups.FindAsync(group.Id, default))!;
        Assert.Empty(after.Participants);
        Assert.Empty(after.Week(1).Answered);
        Assert.Equal("not-in-a-group", await anna.LinesAfterAsync("leave group"));
    }

    [Fact]
    public async Task Join_AfterSayingNoToKeepingReflections_AsksForTheCodeAtOnce()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var bo = Member("29:bo");
        bo.State = ConversationState.New with { Consent = new PeerBot.Dialogs.Privacy.Consent(false, 1, Now) };

        Assert.Equal("joined", await bo.LinesAfterAsync("deltag " + JoinCodes.Display(group.JoinCode)));   // the code on the same line
        Assert.Equal("none", await bo.LinesAfterAsync("mine refleksioner"));
    }

    [Fact]
    public async Task Leave_TheOnlyPeer_IsToldACoFacilitatorCanTakeOverFirst()
    {
        var peer = Member("29:peer", "en");
        await CreateGroupAsync(peer);

        Assert.Equal("only-peer", await peer.LinesAfterAsync("leave group"));
        Assert.Single(Assert.Single(await groups.AllAsync(default)).Facilitators);
    }

    [Fact]
    public async Task MyData_ShowsGroupsReflectionsAndStatementsInPlainWords_WithoutTheBotsIds()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var anna = Member("29:anna");
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);
        anna.State = anna.State with
        {
            Reflections = [new Reflection(group.Id, 1, "q1", [new MemberText("Min hund giver mig ro")], BringToGroup: true, Now)],
            Statements = [new PeerBot.Dialogs.Statements.Statement(1, Now, null, System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableList<MemberText>>.Empty
                .Add("introduce", [new MemberText("Jeg hedder Anna")]))],
        };
        await anna.SayAsync("personligt statement");
        await anna.SayAsync("Mødet med kommunen");

        var export = Assert.IsType<DataExport>((await anna.SayAsync("mine data"))[0]).Text;

        Assert.Contains("Grupper (1):\n– Torsdagsgruppen (deltager)", export);
        Assert.Contains("Refleksioner (1):\n– 10. marts 2026, mødegang 1, med til gruppen: Min hund giver mig ro", export);
        Assert.Contains("Personlige statements (1):\n– nr. 1, gemt 10. marts 2026: Jeg hedder Anna", export);
        Assert.Contains("Det, du har skrevet i en samtale, vi er midt i:\n– Mødet med kommunen", export);
        Assert.Contains("Påmindelse før næste mødegang om det, du vil tage med: ja.", export);
        Assert.DoesNotContain("personal-statement", export);
        Assert.DoesNotContain("meeting", export);
    }

    [Fact]
    public async Task Reminders_BothKindsSideBySide_EachChangedOnItsOwn()
    {
        var anna = Member("29:anna");

        var about = await anna.SayAsync("påmindelser");
        Assert.Equal("Jeg kan minde dig om to ting, hvis du har lyst:\n• ugens spørgsmål, hvis det har ligget ubesvaret et par dage (nu: slået fra)\n• det, du har markeret til at tage med til gruppen – før næste mødegang (nu: slået til)", about[0].Text);
        Assert.Equal(["Ugens spørgsmål", "Med til gruppen"], Assert.IsType<ChoiceReply>(about[1]).Choices.Select(c => c.Label));
        Assert.Equal("want", await anna.LinesAfterAsync("Ugens spørgsmål"));
        await anna.SayAsync("ja");
        Assert.True(anna.State.AnswerReminderOn);
        Assert.False(anna.State.RemindersOff);

        await anna.SayAsync("påmind mig");
        await anna.ClickAsync("bring");
        await anna.SayAsync("nej");

        Assert.True(anna.State.AnswerReminderOn);
        Assert.True(anna.State.RemindersOff);
    }

    [Fact]
    public async Task Resume_SaysWhenTheNextQuestionComes()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var anna = Member("29:anna");
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);
        await anna.SayAsync("pause");

        var resumed = Assert.Single(await anna.SayAsync("fortsæt"));

        Assert.Equal("Velkommen tilbage. Næste spørgsmål fra \"Torsdagsgruppen\" kommer fredag d. 20. marts 2026 kl. 10.00, hvis du har lyst.", resumed.Text);
    }

    [Fact]
    public async Task Consent_AskedAgainLater_DoesNotRepeatWhatToDoNext()
    {
        var anna = Member("29:anna", "en");

        await anna.SayAsync("consent");

        Assert.Equal("thanks-yes", await anna.LinesAfterAsync("yes"));
    }

    [Fact]
    public async Task Crisis_MemberOfAGroupInSyddanmark_GetsThatRegionsLineFirst_AndNoListOfRegions()
    {
        var group = await CreateGroupAsync(Chat("29:peer"), region: "syddanmark");
        var anna = Chat("29:anna");
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);

        anna.Now = new DateTimeOffset(2026, 3, 12, 19, 0, 0, TimeSpan.Zero);   // 20:00 in Denmark: the out-of-hours doctor is open

        var crisis = (await anna.SayAsync("jeg har lyst til at tage mit eget liv"))[0].Text;

        var lines = crisis.Split('\n').Where(l => l.StartsWith('•')).ToList();
        Assert.StartsWith("• Lægevagten, tlf. 70 11 07 07", lines[0]);
        Assert.Contains(lines, l => l.Contains("Livslinien"));
        Assert.DoesNotContain("Psykiatrisk akuthjælp i din region", crisis);
        Assert.DoesNotContain("1813", crisis);
    }

    [Fact]
    public async Task Crisis_MemberWithoutAGroup_GetsTheNationalLinesAndEveryRegionBriefly()
    {
        var loner = Chat("29:loner", "en");

        var crisis = (await loner.SayAsync("I want to end my life"))[0].Text;

        Assert.Contains("Livslinien, tel. 70 201 201", crisis);
        Assert.Contains("Psychiatric emergency help in your region:", crisis);
        foreach (var number in new[] { "1813", "1818", "70 11 07 07", "70 11 31 31", "70 15 03 00" })
            Assert.Contains(number, crisis);
    }

    [Fact]
    public async Task GroupSettings_Region_ChangedByThePeer_ChangesWhatMembersGetFirst()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer, region: GroupRegions.NotKnown);
        var anna = Chat("29:anna");
        await anna.SayAsync("deltag");
        await anna.SayAsync(group.JoinCode);
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Region (akutnumre)");

        var saved = Assert.Single(await peer.SayAsync("Region Nordjylland")).Text;
        Assert.Equal("Region Nordjylland er nu gruppens region. Deltagerne ser dens akutnumre først.", saved);
        Assert.Equal("nordjylland", (await groups.FindAsync(group.Id, default))!.Region);
        var help = Assert.Single(await anna.SayAsync("hjælp nu")).Text;
        var lines = help.Split('\n').Where(l => l.StartsWith('•')).ToList();
        Assert.StartsWith("• Psykiatrien i Region Nordjylland", lines[0]);   // open around the clock, so first
        Assert.Contains(lines, l => l.Contains("Lægevagten, tlf. 70 15 03 00"));

        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Region (akutnumre)");
        Assert.Equal("nothing-changed", await peer.LinesAfterAsync("Spring over"));   // skipping keeps the region
        Assert.Equal("nordjylland", (await groups.FindAsync(group.Id, default))!.Region);
    }

    [Fact]
    public async Task GroupSettings_InEnglish_ChangeGroupNamesTheRegionSaved()
    {
        var peer = Chat("29:peer", "en");
        var group = await CreateGroupAsync(peer);

        Assert.Equal("the-group,what", await peer.LinesAfterAsync("change group"));
        var now = peer.LastReplies[0].Text;   // the group as it is, before anything is changed
        Assert.StartsWith("The group \"Torsdagsgruppen\": first session Thursday 19 March 2026 at 17:00 (Danish time), questions in English, region: ", now);
        Assert.EndsWith("The codes work until Thursday 2 April 2026 at 17:00.", now);
        await peer.SayAsync("5");

        var saved = Assert.Single(await peer.SayAsync("Region of Southern Denmark")).Text;
        Assert.Equal("Region of Southern Denmark is now the group's region. Members see its emergency numbers first.", saved);
        Assert.Equal("syddanmark", (await groups.FindAsync(group.Id, default))!.Region);

        await peer.SayAsync("edit group");
        await peer.SayAsync("5");
        Assert.Equal("region-cleared", await peer.LinesAfterAsync("Leave it open"));
        Assert.Null((await groups.FindAsync(group.Id, default))!.Region);
    }

    [Fact]
    public async Task DeleteMyData_TheOnlyPeer_HearsTheGroupWouldHaveNone_ACoPeerDoesNot()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);

        var replies = await peer.SayAsync("slet mine data");

        Assert.Equal(["delete-only-peer", "sure"], replies.Select(r => r.LineId));
        Assert.StartsWith("Du er den eneste gruppeleder i \"Torsdagsgruppen\".", replies[0].Text);
        Assert.Equal("kept", await peer.LinesAfterAsync("nej"));

        var coPeer = Chat("29:co-peer");
        await coPeer.SayAsync("deltag");
        await coPeer.SayAsync(group.FacilitatorCode);
        Assert.Equal("sure", await peer.LinesAfterAsync("slet mine data"));
    }

    [Fact]
    public async Task CreateGroup_InEnglish_SpeaksEnglishToThePeer()
    {
        var peer = Chat("29:peer", "en");

        await peer.SayAsync("create group");
        await peer.SayAsync("Thursday group");
        var summary = await peer.SayAsync("2026-03-19 17:00");

        Assert.Equal("The group \"Thursday group\", with its first session on Thursday 19 March 2026 at 17:00.", summary[0].Text);
        Assert.StartsWith("Which region does the group meet in?", summary[1].Text);
        Assert.Equal("create", await peer.LinesAfterAsync("Leave it open"));
        Assert.Equal("Shall I create it?", peer.LastReplies[0].Text);
    }

    [Fact]
    public async Task Join_WithTheCode_ParticipantIsInTheGroupAndToldTheNextSession()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var participant = Chat("29:anna");

        Assert.Equal("code", await participant.LinesAfterAsync("deltag"));
        var joined = Assert.Single(await participant.SayAsync(JoinCodes.Display(group.JoinCode).ToLowerInvariant()));

        Assert.Equal("Velkommen til \"Torsdagsgruppen\". Næste mødegang er torsdag d. 19. marts 2026 kl. 17.00. Dagen efter hver mødegang kommer ugens spørgsmål, hvis du har lyst. Du kan altid forlade gruppen igen med \"forlad gruppe\".", joined.Text);
        Assert.Equal(["29:anna"], (await groups.FindAsync(group.Id, default))!.Participants.Select(p => p.Member.Value));
    }

    [Fact]
    public async Task Join_WithTheFacilitatorCode_BecomesCoFacilitator()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var coPeer = Chat("29:bo");

        await coPeer.SayAsync("join");
        Assert.Equal("joined-as-facilitator", await coPeer.LinesAfterAsync(group.FacilitatorCode));

        Assert.Equal(["29:peer", "29:bo"], (await groups.FindAsync(group.Id, default))!.Facilitators.Select(p => p.Member.Value));
    }

    [Fact]
    public async Task Join_Twice_IsNotCountedTwice()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var participant = Chat("29:anna");
        await participant.SayAsync("deltag");
        await participant.SayAsync(group.JoinCode);

        await participant.SayAsync("deltag");

        Assert.Equal("already-in", await participant.LinesAfterAsync(group.JoinCode));
        Assert.Single((await groups.FindAsync(group.Id, default))!.Participants);
    }

    [Fact]
    public async Task Join_AfterIntakeCloses_TheCodeNoLongerWorks()
    {
        var group = await CreateGroupAsync(Chat("29:peer"));
        var late = Chat("29:late");
        late.Now = new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.Zero);

        await late.SayAsync("deltag");

        Assert.Equal("closed", await late.LinesAfterAsync(group.JoinCode));
        Assert.Empty((await groups.FindAsync(group.Id, default))!.Participants);
    }

    [Fact]
    public async Task Join_RepeatedWrongCodes_AreSlowedDown()
    {
        await CreateGroupAsync(Chat("29:peer"));
        var guesser = Chat("29:guesser");

        for (var i = 0; i < JoinGroupDialog.FreeWrongCodes; i++)
        {
            await guesser.SayAsync("deltag");
            Assert.Equal("wrong-code", await guesser.LinesAfterAsync(JoinCodes.New()));
        }
        await guesser.SayAsync("deltag");
        Assert.Equal("slow-down", await guesser.LinesAfterAsync(JoinCodes.New()));

        guesser.Now += JoinGroupDialog.WaitAfter(JoinGroupDialog.FreeWrongCodes);
        await guesser.SayAsync("deltag");
        Assert.Equal("wrong-code", await guesser.LinesAfterAsync(JoinCodes.New()));
    }

    [Fact]
    public async Task MyGroups_PeerSeesCodesAndACount_ParticipantSeesTheNextSession()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);
        var participant = Chat("29:anna");
        await participant.SayAsync("deltag");
        await participant.SayAsync(group.JoinCode);

        var forPeer = Assert.Single(await peer.SayAsync("mine grupper")).Text;
        var forParticipant = Assert.Single(await participant.SayAsync("mine grupper")).Text;

        Assert.Contains("Deltagere: 1.", forPeer);
        Assert.Contains(JoinCodes.Display(group.JoinCode), forPeer);
        Assert.DoesNotContain(JoinCodes.Display(group.JoinCode), forParticipant);
        Assert.DoesNotContain("29:anna", forPeer);
        Assert.StartsWith("\"Torsdagsgruppen\": næste mødegang er torsdag d. 19. marts 2026", forParticipant);
    }

    [Theory]
    [InlineData("19.3.2026 kl. 17:00", "2026-03-19T17:00")]
    [InlineData("19/3 17", "2026-03-19T17:00")]
    [InlineData("19-03-26 17.30", "2026-03-19T17:30")]
    [InlineData("2026-03-19 17:00", "2026-03-19T17:00")]
    [InlineData("5.1 kl 9", "2027-01-05T09:00")]
    [InlineData("tirsdag d. 1. december kl 17", "2026-12-01T17:00")]
    [InlineData("1/12 kl. 17", "2026-12-01T17:00")]
    [InlineData("kl 17 den 24. marts", "2026-03-24T17:00")]
    [InlineData("i morgen kl. 17", "2026-03-11T17:00")]
    [InlineData("I overmorgen 9.15", "2026-03-12T09:15")]
    [InlineData("på torsdag 18.30", "2026-03-12T18:30")]
    [InlineData("Næste tirsdag kl. 17", "2026-03-17T17:00")]
    [InlineData("next Tuesday 5pm", "2026-03-17T17:00")]
    [InlineData("Thursday 5:30 p.m.", "2026-03-12T17:30")]
    [InlineData("tomorrow at 12am", "2026-03-11T00:00")]
    [InlineData("1 Dec 17:00", "2026-12-01T17:00")]
    [InlineData("1st December 2026, 17:00", "2026-12-01T17:00")]
    [InlineData("December 1 at 5.30 pm", "2026-12-01T17:30")]
    [InlineData("17:00 on 1/12", "2026-12-01T17:00")]
    [InlineData("mandag d. 14/12 kl. 17", "2026-12-14T17:00")]
    [InlineData("mandag d. 14/12 kl. 16.30-18", "2026-12-14T16:30")]
    [InlineData("torsdag 18.10", "2026-03-12T18:10")]
    public void LocalTimeParser_AsPeopleTypeIt(string typed, string expected)
    {
        Assert.True(LocalTimeParser.TryParse(typed, new DateTime(2026, 3, 10), out var local), typed);
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture), local);
    }

    [Theory]
    [InlineData("på torsdag")]
    [InlineData("i morgen")]
    [InlineData("18.30")]
    [InlineData("man mødes kl 17")]
    [InlineData("fri kl 17")]
    [InlineData("torsdag 13pm")]
    [InlineData("30. februar kl 17")]
    [InlineData("32.3.2026 17:00")]
    [InlineData("19.3.2026 25:00")]
    public void LocalTimeParser_NotADateAndTime_IsRefused(string typed) =>
        Assert.False(LocalTimeParser.TryParse(typed, new DateTime(2026, 3, 10), out _));

    [Fact]
    public async Task GroupSettings_FirstSessionAfterItHasBeen_IsNotMoved_SoTheCourseDoesNotStartOver()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);
        peer.Now = new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero);   // sessions 1 and 2 have been
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Første mødegang");

        Assert.Equal("first-session-has-been", await peer.LinesAfterAsync("på torsdag kl. 18"));
        Assert.Equal(group.FirstSessionLocal, (await groups.FindAsync(group.Id, default))!.FirstSessionLocal);
    }

    [Fact]
    public async Task GroupSettings_NewCodes_OldOnesStopWorking()
    {
        var peer = Chat("29:peer");
        var before = await CreateGroupAsync(peer);

        Assert.Equal("the-group,what", await peer.LinesAfterAsync("ret gruppe"));
        Assert.Equal("sure-new-codes", await peer.LinesAfterAsync("Nye koder"));
        Assert.Equal("nothing-changed", await peer.LinesAfterAsync("nej"));
        Assert.Equal(before.JoinCode, (await groups.FindAsync(before.Id, default))!.JoinCode);
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Nye koder");
        var renewed = Assert.Single(await peer.SayAsync("ja"));

        var after = (await groups.FindAsync(before.Id, default))!;
        Assert.NotEqual(before.JoinCode, after.JoinCode);
        Assert.Contains(JoinCodes.Display(after.JoinCode), renewed.Text);
        Assert.Null(await groups.FindByCodeAsync(before.JoinCode, default));
        Assert.Equal(before.Id, (await groups.FindByCodeAsync(after.JoinCode, default))!.Id);
    }

    [Fact]
    public async Task GroupSettings_NameAndFirstSession_CanBeChangedLater()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);

        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("1");
        Assert.Equal("name-saved", await peer.LinesAfterAsync("Tirsdagsgruppen"));
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Første mødegang");
        Assert.Equal("first-session-saved", await peer.LinesAfterAsync("24.3.2026 kl. 16:30"));

        var changed = (await groups.FindAsync(group.Id, default))!;
        Assert.Equal("Tirsdagsgruppen", changed.Name);
        Assert.Equal(new DateTime(2026, 3, 24, 16, 30, 0), changed.FirstSessionLocal);
    }

    [Fact]
    public async Task GroupSettings_NotAFacilitator_ChangesNothing()
    {
        await CreateGroupAsync(Chat("29:peer"));

        Assert.Equal("not-facilitator", await Chat("29:anna").LinesAfterAsync("ret gruppe"));
    }

    [Fact]
    public async Task GroupSettings_TimeZoneAndLanguage_CanBeChanged()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);

        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Tidszone");
        Assert.Equal("time-zone.retry,time-zone", await peer.LinesAfterAsync("Mars/Olympus"));
        Assert.Equal("time-zone-saved", await peer.LinesAfterAsync("Europe/London"));
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Gruppens sprog");
        Assert.Equal("language-saved", await peer.LinesAfterAsync("English"));

        var changed = (await groups.FindAsync(group.Id, default))!;
        Assert.Equal("Europe/London", changed.TimeZone);
        Assert.Equal("en", changed.Language);
    }

    [Fact]
    public async Task GroupSettings_IntakeClosesLater_CodesWorkLonger()
    {
        var peer = Chat("29:peer");
        var group = await CreateGroupAsync(peer);
        await peer.SayAsync("ret gruppe");
        await peer.SayAsync("Lukning for nye");
        Assert.Equal("intake.retry,intake", await peer.LinesAfterAsync("11"));
        Assert.Equal("intake-saved", await peer.LinesAfterAsync("3"));

        var late = Chat("29:late");
        late.Now = new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.Zero);
        await late.SayAsync("deltag");
        Assert.Equal("joined", await late.LinesAfterAsync(group.JoinCode));
    }
}

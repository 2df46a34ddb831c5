using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Safety;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Safety;

public sealed class CrisisConversationTests
{
    [Fact]
    public async Task Crisis_MidDialog_FixedReplyWith112AndHelpLines_AndTheDialogWaits()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("noter");
        await chat.SayAsync("første note");

        var replies = await chat.SayAsync("Jeg kan ikke mere, jeg vil bare dø");

        var crisis = replies[0].Text;
        Assert.Equal(["crisis", "offer-resume"], replies.Select(r => r.LineId));
        Assert.Contains("Tak, fordi du fortæller mig det.", crisis);
        Assert.Contains("automatisk chatbot", crisis);
        Assert.Contains("ringe 112", crisis);
        Assert.Contains("Livslinien, tlf. 70 201 201", crisis);
        Assert.Contains("Psykiatrifondens Rådgivning, tlf. 39 25 25 25", crisis);
        Assert.Contains("Sind Rådgivning, tlf. 70 23 27 50", crisis);
        Assert.Contains("1813", crisis);
        Assert.Contains("48 timer", crisis);
        Assert.DoesNotContain("vil bare dø", crisis);
        var notes = chat.State.Dialogs.Single().Answers["note"].Texts.Select(t => t.Reveal());
        Assert.Equal(["første note"], notes);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(48), chat.State.PromptsHeldUntilUtc);
    }

    [Fact]
    public async Task Crisis_ThenResumeClicked_GoesOnWhereItWasAndLiftsTheHold()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");
        await chat.SayAsync("I want to kill myself");

        var replies = await chat.ClickAsync(CrisisReply.ResumeChoice);

        Assert.Equal(["back", "went-well"], replies.Select(r => r.LineId));
        Assert.Null(chat.State.PromptsHeldUntilUtc);
        Assert.Null(chat.State.Caring);
    }

    [Fact]
    public async Task AfterCrisis_Danish_CaringModeAcknowledgesWithoutMenus_GivesTheLinesAgain_AndTilbageGoesOn()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");
        var crisis = await chat.SayAsync("jeg orker ikke at leve mere");

        var first = Assert.Single(await chat.SayAsync("ved ikke"));
        var second = Assert.Single(await chat.SayAsync("ok"));
        var lines = Assert.Single(await chat.SayAsync("hjælp"));
        var again = Assert.Single(await chat.SayAsync("jeg har tænkt på at tage alle mine piller"));
        var back = await chat.SayAsync("tilbage");

        Assert.Equal("caring", first.LineId);
        Assert.Contains("\"tilbage\"", first.Text);
        Assert.NotEqual(first.Text, second.Text);
        Assert.Equal("help-now", lines.LineId);
        Assert.Contains("Livslinien", lines.Text);
        Assert.Equal("crisis-again", again.LineId);
        Assert.Contains("112", again.Text);
        Assert.Contains("Har jeg misforstået dig", again.Text);
        Assert.True(again.Text.Length < crisis[0].Text.Length / 2, "the second reply is at most half the first");
        Assert.Equal(["back", "went-well"], back.Select(r => r.LineId));
        Assert.Null(chat.State.Caring);
        Assert.Equal("went-well", chat.State.Dialogs.Single().WaitingFor);
        Assert.Empty(chat.State.Dialogs.Single().Answers);   // nothing said in the caring mode went into the dialog
    }

    [Fact]
    public async Task AfterCrisis_English_NeverADidNotUnderstandOrChooseAButton_AndBackWithNothingUnderWay()
    {
        var chat = new TestChat(TestDialogs.All, locale: "en");
        await chat.SayAsync("I don't want to be alive anymore");

        var said = new List<Reply>();
        foreach (var text in new[] { "hello?", "asdfgh", "noter", "what can you do" })
            said.AddRange(await chat.SayAsync(text));
        var back = Assert.Single(await chat.SayAsync("back"));
        var afterwards = await chat.SayAsync("hello");

        Assert.All(said, r => Assert.Equal("caring", r.LineId));
        Assert.All(said, r => Assert.IsType<TextReply>(r));   // no buttons, no menu
        Assert.Equal("back-nothing", back.LineId);
        Assert.DoesNotContain(afterwards, r => r.LineId is "caring" or "crisis");
    }

    [Fact]
    public async Task AfterCrisis_CaringModeEndsWithThePauseOfThePrompts()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("jeg vil dø");
        chat.Now = DateTimeOffset.UnixEpoch.AddHours(49);

        var replies = await chat.SayAsync("hej");

        Assert.DoesNotContain(replies, r => r.LineId == "caring");
    }

    [Fact]
    public async Task AfterCrisis_TheMembersRightsStillHold_PauseAndDeleteWork()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("jeg vil ikke leve mere");

        var paused = await chat.SayAsync("pause");

        Assert.Equal("paused", Assert.Single(paused).LineId);
        Assert.NotNull(chat.State.Caring);
    }

    [Fact]
    public async Task Crisis_WithNothingUnderWay_OffersNoResume()
    {
        var chat = new TestChat(TestDialogs.All, locale: "en");

        var replies = await chat.SayAsync("I've been cutting myself again");

        var reply = Assert.Single(replies);
        Assert.Contains("If you or someone else is in immediate danger, you can call 112.", reply.Text);
        Assert.Contains("No one is reading this", reply.Text);
    }

    [Theory]
    [InlineData("hjælp nu")]
    [InlineData("Brug for hjælp nu?")]
    [InlineData("help now")]
    public async Task HelpNow_AtAnyPoint_BringsTheHelpLines(string words)
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");

        var reply = Assert.Single(await chat.SayAsync(words));

        Assert.Equal("help-now", reply.LineId);
        Assert.Contains("112", reply.Text);
        Assert.Equal("went-well", chat.State.Dialogs.Single().WaitingFor);
    }

    [Fact]
    public async Task HelpNowButton_OnTheHelpCard_BringsTheHelpLines()
    {
        var chat = new TestChat(TestDialogs.All);

        var reply = Assert.Single(await chat.ClickAsync("help-now"));

        Assert.Contains("Livslinien", reply.Text);
    }

    public static TheoryData<string, string, string, string> HelpLineHours => new()
    {
        // UTC time, what the Livslinien line says in Copenhagen time (open 11-05 every day), and the first national line.
        { "winter, 13:00 local", "2026-01-13T12:00:00Z", "åben nu", "Livslinien" },
        { "winter, 06:00 local", "2026-01-13T05:00:00Z", "lukket nu", "Livslinien" },
        { "winter, 02:00 local, past midnight", "2026-01-14T01:00:00Z", "åben nu", "Livslinien" },
        { "summer time, 10:30 local", "2026-07-07T08:30:00Z", "lukket nu", "Psykiatrifondens Rådgivning" },
        { "summer time, 11:30 local", "2026-07-07T09:30:00Z", "åben nu", "Livslinien" },
        { "clocks went back at 03:00, 04:30 local", "2026-10-25T03:30:00Z", "åben nu", "Livslinien" },
        { "clocks went back, 05:30 local", "2026-10-25T04:30:00Z", "lukket nu", "Livslinien" },
    };

    [Theory]
    [MemberData(nameof(HelpLineHours))]
    public void HelpLines_OpenNowComeFirst_InCopenhagenTime(string when, string utc, string livslinienStatus, string firstLine)
    {
        var content = ContentCatalog.LoadBuiltIn(CrisisReply.Lines);
        var reply = new CrisisReply(content, new CrisisOptions());

        var text = reply.HelpNow("da", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), region: "hovedstaden")[0].Text;

        var lines = text.Split('\n').Where(l => l.StartsWith('•')).ToList();
        var national = lines.Skip(2).ToList();   // the Capital Region's two contacts are open around the clock: first
        var livslinien = lines.Single(l => l.Contains("Livslinien"));
        Assert.StartsWith("• Akuttelefonen, tlf. 1813", lines[0]);
        Assert.True(livslinien.Contains($"alle dage 11:00–05:00, {livslinienStatus}"), $"{when}: {livslinien}");
        Assert.True(national[0].Contains(firstLine), $"{when}: first national line is {national[0]}");
        var firstClosed = national.FindIndex(l => l.Contains("lukket nu"));
        Assert.True(firstClosed < 0 || national.Skip(firstClosed).All(l => l.Contains("lukket nu")), $"{when}: an open line comes after a closed one");
    }

    public static TheoryData<string, string?> LanguagesAndRegions => new()
    {
        { "da", null }, { "en", null },
        { "da", "hovedstaden" }, { "da", "sjaelland" }, { "da", "syddanmark" }, { "da", "midtjylland" }, { "da", "nordjylland" },
        { "en", "hovedstaden" }, { "en", "syddanmark" },
    };

    [Theory]
    [MemberData(nameof(LanguagesAndRegions))]
    public void HelpLines_EachListedOnce_SayingEachThingOnce(string language, string? region)
    {
        var content = ContentCatalog.LoadBuiltIn(CrisisReply.Lines);
        var reply = new CrisisReply(content, new CrisisOptions());

        var text = string.Join("\n", reply.HelpNow(language, new DateTimeOffset(2026, 1, 13, 12, 0, 0, TimeSpan.Zero), region).Select(r => r.Text));
        var lines = text.Split('\n').Where(l => l.StartsWith('•')).ToList();

        Assert.Equal(lines.Count, lines.Distinct().Count());
        foreach (var line in lines)
        {
            // Neither a number said twice ("Akuttelefonen 1813, tlf. 1813") nor "open around the clock" twice.
            foreach (System.Text.RegularExpressions.Match number in System.Text.RegularExpressions.Regex.Matches(line, @"\b\d{4}\b(?! ?\d)"))
                Assert.True(System.Text.RegularExpressions.Regex.Matches(line, $@"\b{number.Value}\b").Count == 1, line);
            foreach (var phrase in new[] { "døgnet rundt", "around the clock" })
                Assert.True(line.Split(phrase).Length <= 2, line);
        }
    }

    [Theory]
    [InlineData("Mon-Thu 10:00-22:00", "2026-01-15T21:59:00", true)]
    [InlineData("Mon-Thu 10:00-22:00", "2026-01-16T12:00:00", false)]
    [InlineData("Fri-Sun 10:00-18:00", "2026-01-18T12:00:00", true)]
    [InlineData("daily 11:00-05:00", "2026-01-13T04:59:00", true)]
    [InlineData("daily 11:00-05:00", "2026-01-13T05:00:00", false)]
    [InlineData("Mon,Wed,Fri 09:00-15:00", "2026-01-14T09:00:00", true)]
    [InlineData("Mon,Wed,Fri 09:00-15:00", "2026-01-13T09:00:00", false)]
    [InlineData("Sat 22:00-02:00", "2026-01-18T01:00:00", true)]
    [InlineData("always", "2026-01-18T03:00:00", true)]
    public void OpeningPeriod_LocalTime_IsOpenAsWritten(string hours, string local, bool open) =>
        Assert.Equal(open, OpeningPeriod.Parse(hours).IsOpenAt(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OpeningPeriod_Malformed_SaysWhatItExpects()
    {
        var error = Assert.Throws<FormatException>(() => OpeningPeriod.Parse("weekdays 9-5"));

        Assert.Contains("'daily 11:00-05:00'", error.Message);
    }
}

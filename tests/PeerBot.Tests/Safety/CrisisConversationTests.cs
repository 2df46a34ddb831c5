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
        Assert.Contains("Tak fordi du fortæller mig det.", crisis);
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

        Assert.Equal(["resumed", "went-well"], replies.Select(r => r.LineId));
        Assert.Null(chat.State.PromptsHeldUntilUtc);
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
        // UTC time, and what the Livslinien line says in Copenhagen time: open 11-05 every day.
        { "winter, 13:00 local", "2026-01-13T12:00:00Z", "åben nu", "Livslinien" },
        { "winter, 06:00 local", "2026-01-13T05:00:00Z", "lukket nu", "Akuttelefonen 1813" },
        { "winter, 02:00 local, past midnight", "2026-01-14T01:00:00Z", "åben nu", "Livslinien" },
        { "summer time, 10:30 local", "2026-07-07T08:30:00Z", "lukket nu", "Akuttelefonen 1813" },
        { "summer time, 11:30 local", "2026-07-07T09:30:00Z", "åben nu", "Livslinien" },
        { "clocks went back at 03:00, 04:30 local", "2026-10-25T03:30:00Z", "åben nu", "Livslinien" },
        { "clocks went back, 05:30 local", "2026-10-25T04:30:00Z", "lukket nu", "Akuttelefonen 1813" },
    };

    [Theory]
    [MemberData(nameof(HelpLineHours))]
    public void HelpLines_OpenNowComeFirst_InCopenhagenTime(string when, string utc, string livslinienStatus, string firstLine)
    {
        var content = ContentCatalog.LoadBuiltIn(CrisisReply.Lines);
        var reply = new CrisisReply(content, new CrisisOptions());

        var text = reply.HelpNow("da", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))[0].Text;

        var lines = text.Split('\n').Where(l => l.StartsWith('•')).ToList();
        var livslinien = lines.Single(l => l.Contains("Livslinien"));
        Assert.True(livslinien.Contains($"alle dage 11:00–05:00, {livslinienStatus}"), $"{when}: {livslinien}");
        Assert.True(lines[0].Contains(firstLine), $"{when}: first line is {lines[0]}");
        var firstClosed = lines.FindIndex(l => l.Contains("lukket nu"));
        Assert.True(firstClosed < 0 || lines.Skip(firstClosed).All(l => l.Contains("lukket nu")), $"{when}: an open line comes after a closed one");
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

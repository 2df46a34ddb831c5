using System.Collections.Immutable;
using System.Globalization;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Safety;

namespace PeerBot.Tests.Groups;

public sealed class GroupScheduleTests
{
    private static Group GroupStarting(string firstSessionLocal) => new(
        new GroupId("g1"), "Torsdagsgruppen", Course.DefaultId,
        DateTime.Parse(firstSessionLocal, CultureInfo.InvariantCulture), "Europe/Copenhagen", "da",
        "ABCDEFGH", "HGFEDCBA", Group.DefaultIntakeClosesAfterSession, [], []);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static TheoryData<string, string, int, string, string> Sessions => new()
    {
        // Clocks go forward on Sunday 29 March 2026: a 17:00 session moves from 16:00 to 15:00 UTC.
        { "March, before the change", "2026-03-19T17:00", 2, "2026-03-26T16:00:00Z", "2026-03-27T09:00:00Z" },
        { "March, after the change", "2026-03-19T17:00", 3, "2026-04-02T15:00:00Z", "2026-04-03T08:00:00Z" },
        // Clocks go back on Sunday 25 October 2026: 17:00 moves from 15:00 to 16:00 UTC.
        { "October, before the change", "2026-10-15T17:00", 2, "2026-10-22T15:00:00Z", "2026-10-23T08:00:00Z" },
        { "October, after the change", "2026-10-15T17:00", 3, "2026-10-29T16:00:00Z", "2026-10-30T09:00:00Z" },
        // A Saturday group: the invitation falls on the Sunday the clocks change, at 10:00 local all the same.
        { "invitation on the spring change day", "2026-03-21T13:00", 2, "2026-03-28T12:00:00Z", "2026-03-29T08:00:00Z" },
        { "invitation on the autumn change day", "2026-10-17T13:00", 2, "2026-10-24T11:00:00Z", "2026-10-25T09:00:00Z" },
        { "session 11", "2026-01-08T17:00", 11, "2026-03-19T16:00:00Z", "2026-03-20T09:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Schedule_SessionAndInvitation_KeepTheirLocalTimeAcrossDaylightSaving(string when, string firstLocal, int session, string startUtc, string invitationUtc)
    {
        var group = GroupStarting(firstLocal);

        Assert.True(Utc(startUtc) == GroupSchedule.SessionStartUtc(group, session), $"{when}: session at {GroupSchedule.SessionStartUtc(group, session):u}");
        Assert.True(Utc(invitationUtc) == GroupSchedule.InvitationUtc(group, session), $"{when}: invitation at {GroupSchedule.InvitationUtc(group, session):u}");
    }

    [Fact]
    public void Schedule_LocalTimeThatDoesNotExist_IsTakenAsTheFirstMinuteAfterTheJump() =>
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), GroupSchedule.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Copenhagen"));

    [Fact]
    public void Schedule_LocalTimeThatHappensTwice_IsTakenAsTheFirst() =>
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), GroupSchedule.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), "Europe/Copenhagen"));

    [Theory]
    [InlineData("2026-03-19T15:59:00Z", null)]
    [InlineData("2026-03-19T16:00:00Z", 1)]
    [InlineData("2026-03-26T15:00:00Z", 1)]
    [InlineData("2026-04-02T15:00:00Z", 3)]
    [InlineData("2027-01-01T00:00:00Z", 11)]
    public void Schedule_LatestSession_CountsStartedSessions(string nowUtc, int? expected) =>
        Assert.Equal(expected, GroupSchedule.LatestSession(GroupStarting("2026-03-19T17:00"), 11, Utc(nowUtc)));

    [Theory]
    [InlineData("2026-03-10T12:00:00Z", true)]
    [InlineData("2026-03-27T12:00:00Z", true)]
    [InlineData("2026-04-02T14:59:00Z", true)]
    [InlineData("2026-04-02T15:00:00Z", false)]
    public void Schedule_Intake_ClosesWhenTheSessionAfterSession2Starts(string nowUtc, bool open) =>
        Assert.Equal(open, GroupSchedule.IsIntakeOpen(GroupStarting("2026-03-19T17:00"), Utc(nowUtc)));

    [Fact]
    public void JoinCodes_New_AreUnguessableAndTypeBackInAnyForm()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => JoinCodes.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Equal(code, JoinCodes.Normalize(JoinCodes.Display(code).ToLowerInvariant().Replace("-", " - "))));
        Assert.DoesNotContain(codes, code => code.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("ABCDEFG0")]
    [InlineData("hej med dig")]
    public void JoinCodes_NotACode_IsRecognisedAsSuch(string typed) => Assert.Null(JoinCodes.Normalize(typed));

    [Fact]
    public void Course_VejenTilHverdagslivet_Has11SessionsOf3OpenQuestionsInBothLanguages()
    {
        var course = Course.LoadBuiltIn()[Course.DefaultId];
        var guard = new PhrasingGuard();

        Assert.Equal(11, course.Sessions.Count);
        Assert.All(course.Sessions, s => Assert.Equal(3, s.Questions.Count));
        var directive = course.Sessions.SelectMany(s => s.Questions)
            .SelectMany(q => new[] { (q.Id, q.Da), (q.Id, q.En) })
            .Where(q => guard.Check(q.Item2) is not null)
            .Select(q => $"{q.Id} ({guard.Check(q.Item2)})")
            .ToList();
        Assert.True(directive.Count == 0, "Questions that read as advice: " + string.Join(", ", directive));
        Assert.Equal("Summing up and next steps", course.Sessions[10].Theme["en"]);
    }
}

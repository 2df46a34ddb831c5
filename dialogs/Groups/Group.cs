using System.Collections.Immutable;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>A group's id: short, random, never shown to participants as a code.</summary>
public readonly record struct GroupId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Someone in a group, and the 1:1 conversation the bot reaches them in.</summary>
public sealed record GroupMember(MemberId Member, string ConversationKey, DateTimeOffset JoinedAtUtc);

/// <summary>
/// A peer-support group: its course, when session 1 starts (local time in <see cref="TimeZone"/>; the sessions follow
/// weekly at the same local time), its language, the two codes, and who is in it. Peers see counts of it, never words.
/// </summary>
public sealed record Group(
    GroupId Id,
    string Name,
    string CourseId,
    DateTime FirstSessionLocal,
    string TimeZone,
    string Language,
    string JoinCode,
    string FacilitatorCode,
    int IntakeClosesAfterSession,
    ImmutableList<GroupMember> Facilitators,
    ImmutableList<GroupMember> Participants,
    ImmutableDictionary<int, WeekCounts>? Weeks = null,
    ImmutableDictionary<int, WeekPlan>? Plans = null,
    string? Region = null)
{
    /// <summary>Per session: what the peers chose for the week's invitation.</summary>
    public ImmutableDictionary<int, WeekPlan> Plans { get; init; } = Plans ?? ImmutableDictionary<int, WeekPlan>.Empty;

    public WeekPlan Plan(int session) => Plans.GetValueOrDefault(session) ?? WeekPlan.Default;

    public Group WithPlan(int session, Func<WeekPlan, WeekPlan> change) => this with { Plans = Plans.SetItem(session, change(Plan(session))) };

    /// <summary>
    /// The session whose invitation goes out now: the latest one due by the clock or sent early by a peer; null when
    /// none is due, or when the peers skipped that week.
    /// </summary>
    public int? InvitationDue(int sessionCount, DateTimeOffset nowUtc)
    {
        int? due = null;
        for (var session = 1; session <= sessionCount; session++)
        {
            if (GroupSchedule.InvitationUtc(this, session) <= nowUtc
                || (Plan(session).SendNowAtUtc <= nowUtc && GroupSchedule.SessionStartUtc(this, session) <= nowUtc))
                due = session;
        }
        return due is { } found && Plan(found).IsSkipped ? null : due;
    }

    /// <summary>The invitation the peers can still change: the latest due one not yet sent to anyone, else the next.</summary>
    public int ComingInvitation(int sessionCount, DateTimeOffset nowUtc)
    {
        var latest = GroupSchedule.LatestSession(this, sessionCount, nowUtc) ?? 1;
        var sent = Week(latest).Invited.Count > 0 || GroupSchedule.InvitationUtc(this, latest) <= nowUtc;
        return sent ? Math.Min(latest + 1, sessionCount) : latest;
    }

    /// <summary>Per session: who was invited, who answered, who skipped. Only counts ever leave this record.</summary>
    public ImmutableDictionary<int, WeekCounts> Weeks { get; init; } = Weeks ?? ImmutableDictionary<int, WeekCounts>.Empty;

    public WeekCounts Week(int session) => Weeks.GetValueOrDefault(session) ?? WeekCounts.Empty;

    public Group WithWeek(int session, Func<WeekCounts, WeekCounts> change) => this with { Weeks = Weeks.SetItem(session, change(Week(session))) };

    /// <summary>True when the member is in the group, as a participant or one of its peers.</summary>
    public bool Includes(MemberId member) => Participants.Concat(Facilitators).Any(m => m.Member == member);

    /// <summary>Default: intake closes when session 2 is over.</summary>
    public const int DefaultIntakeClosesAfterSession = 2;
}

/// <summary>Who was invited in a week, who answered and who skipped: member ids, never words, shown to peers only as counts.</summary>
public sealed record WeekCounts(
    ImmutableHashSet<string> Invited, ImmutableHashSet<string> Answered, ImmutableHashSet<string> Skipped,
    ImmutableHashSet<string>? Reminded = null, ImmutableHashSet<string>? AnswerReminded = null, ImmutableHashSet<string>? Paused = null)
{
    /// <summary>Who had paused the weekly questions when this week's invitation went out.</summary>
    public ImmutableHashSet<string> Paused { get; init; } = Paused ?? [];

    /// <summary>Who has been looked at for the one reminder of an unanswered question.</summary>
    public ImmutableHashSet<string> AnswerReminded { get; init; } = AnswerReminded ?? [];

    public static WeekCounts Empty { get; } = new([], [], []);

    /// <summary>Who has been looked at for the reminder before the next session (most have nothing to bring).</summary>
    public ImmutableHashSet<string> Reminded { get; init; } = Reminded ?? [];

    /// <summary>A count is shown only when at least this many are in it, so nobody can be picked out.</summary>
    public const int SmallestShownCount = 3;
}

/// <summary>
/// The peers' choice for a week's invitation: which of the course's questions (by position), or a question of their
/// own, or no invitation that week, or sent early.
/// </summary>
public sealed record WeekPlan(int QuestionIndex, MemberText? OwnQuestion, bool IsSkipped, DateTimeOffset? SendNowAtUtc)
{
    public static WeekPlan Default { get; } = new(0, null, false, null);
}

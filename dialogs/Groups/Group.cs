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
    ImmutableDictionary<int, WeekCounts>? Weeks = null)
{
    /// <summary>Per session: who was invited, who answered, who skipped. Only counts ever leave this record.</summary>
    public ImmutableDictionary<int, WeekCounts> Weeks { get; init; } = Weeks ?? ImmutableDictionary<int, WeekCounts>.Empty;

    public WeekCounts Week(int session) => Weeks.GetValueOrDefault(session) ?? WeekCounts.Empty;

    public Group WithWeek(int session, Func<WeekCounts, WeekCounts> change) => this with { Weeks = Weeks.SetItem(session, change(Week(session))) };

    /// <summary>Default: intake closes when session 2 is over.</summary>
    public const int DefaultIntakeClosesAfterSession = 2;
}

/// <summary>Who was invited in a week, who answered and who skipped: member ids, never words, shown to peers only as counts.</summary>
public sealed record WeekCounts(
    ImmutableHashSet<string> Invited, ImmutableHashSet<string> Answered, ImmutableHashSet<string> Skipped, ImmutableHashSet<string>? Reminded = null)
{
    public static WeekCounts Empty { get; } = new([], [], []);

    /// <summary>Who has been looked at for the reminder before the next session (most have nothing to bring).</summary>
    public ImmutableHashSet<string> Reminded { get; init; } = Reminded ?? [];

    /// <summary>A count is shown only when at least this many are in it, so nobody can be picked out.</summary>
    public const int SmallestShownCount = 3;
}

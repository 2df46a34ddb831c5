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
    ImmutableList<GroupMember> Participants)
{
    /// <summary>Default: intake closes when session 2 is over.</summary>
    public const int DefaultIntakeClosesAfterSession = 2;
}

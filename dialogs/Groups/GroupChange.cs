using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// A change to a group that a turn asks for. Dialogs do not write groups themselves: they record changes, and the host
/// applies them once the turn's state is saved (a turn that loses a save race runs again, and its first run's changes
/// are dropped). A change may be applied twice (the host restarted after saving, or two instances raced), so each one
/// says what the group should be, not what to add on top: applying it again changes nothing.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "change")]
[JsonDerivedType(typeof(CreateGroup), "create")]
[JsonDerivedType(typeof(NewCodes), "new-codes")]
[JsonDerivedType(typeof(Rename), "rename")]
[JsonDerivedType(typeof(MoveFirstSession), "move-first-session")]
[JsonDerivedType(typeof(SetTimeZone), "time-zone")]
[JsonDerivedType(typeof(SetLanguage), "language")]
[JsonDerivedType(typeof(SetRegion), "region")]
[JsonDerivedType(typeof(CloseIntakeAfter), "intake")]
[JsonDerivedType(typeof(AddMember), "add-member")]
[JsonDerivedType(typeof(RemoveMember), "remove-member")]
[JsonDerivedType(typeof(MarkAnswered), "answered")]
[JsonDerivedType(typeof(MarkSkipped), "skipped")]
[JsonDerivedType(typeof(ChooseQuestion), "choose-question")]
[JsonDerivedType(typeof(UseOwnQuestion), "own-question")]
[JsonDerivedType(typeof(SkipWeek), "skip-week")]
[JsonDerivedType(typeof(SendNow), "send-now")]
public abstract record GroupChange(GroupId Group)
{
    /// <summary>The group with the change made; the same group when it is made already.</summary>
    public abstract Group Apply(Group group);
}

/// <summary>A new group with its codes; its id comes from the turn, so a second apply finds it there already.</summary>
public sealed record CreateGroup(Group New) : GroupChange(New.Id)
{
    public override Group Apply(Group group) => group;
}

/// <summary>New codes, drawn in the turn so that the ones shown to the peer are the ones stored.</summary>
public sealed record NewCodes(GroupId Group, string JoinCode, string FacilitatorCode) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { JoinCode = JoinCode, FacilitatorCode = FacilitatorCode };
}

public sealed record Rename(GroupId Group, string Name) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { Name = Name };
}

public sealed record MoveFirstSession(GroupId Group, DateTime FirstSessionLocal) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { FirstSessionLocal = FirstSessionLocal };
}

public sealed record SetTimeZone(GroupId Group, string TimeZone) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { TimeZone = TimeZone };
}

public sealed record SetLanguage(GroupId Group, string Language) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { Language = Language };
}

/// <summary>The group's region for the help lines; null leaves it open.</summary>
public sealed record SetRegion(GroupId Group, string? Region) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { Region = Region };
}

public sealed record CloseIntakeAfter(GroupId Group, int Session) : GroupChange(Group)
{
    public override Group Apply(Group group) => group with { IntakeClosesAfterSession = Session };
}

/// <summary>Someone joins, as a participant or as a co-facilitator; someone already in the group stays as they are.</summary>
public sealed record AddMember(GroupId Group, GroupMember Member, bool AsFacilitator) : GroupChange(Group)
{
    public override Group Apply(Group group) =>
        group.Includes(Member.Member) ? group
        : AsFacilitator ? group with { Facilitators = group.Facilitators.Add(Member) }
        : group with { Participants = group.Participants.Add(Member) };
}

/// <summary>
/// Someone leaves the group (or erased their data): they are no longer in it, and no week's count includes them.
/// </summary>
public sealed record RemoveMember(GroupId Group, MemberId Member) : GroupChange(Group)
{
    public override Group Apply(Group group)
    {
        var id = Member.Value;
        // Nothing to take out: the same group, so that erasing a member does not write every group there is.
        if (!group.Includes(Member) && !group.Weeks.Values.Any(w => w.Invited.Contains(id) || w.Answered.Contains(id) || w.Skipped.Contains(id)
                || w.Reminded.Contains(id) || w.AnswerReminded.Contains(id) || w.Paused.Contains(id)))
            return group;
        return group with
        {
            Participants = group.Participants.RemoveAll(m => m.Member == Member),
            Facilitators = group.Facilitators.RemoveAll(m => m.Member == Member),
            Weeks = group.Weeks.ToImmutableDictionary(w => w.Key, w => w.Value with
            {
                Invited = w.Value.Invited.Remove(id), Answered = w.Value.Answered.Remove(id), Skipped = w.Value.Skipped.Remove(id),
                Reminded = w.Value.Reminded.Remove(id), AnswerReminded = w.Value.AnswerReminded.Remove(id), Paused = w.Value.Paused.Remove(id),
            }),
        };
    }
}

public sealed record MarkAnswered(GroupId Group, int Session, MemberId Member) : GroupChange(Group)
{
    public override Group Apply(Group group) =>
        group.WithWeek(Session, w => w with { Answered = w.Answered.Add(Member.Value), Skipped = w.Skipped.Remove(Member.Value) });
}

public sealed record MarkSkipped(GroupId Group, int Session, MemberId Member) : GroupChange(Group)
{
    public override Group Apply(Group group) => group.WithWeek(Session, w => w with { Skipped = w.Skipped.Add(Member.Value) });
}

/// <summary>One of the course's questions for the week, by position.</summary>
public sealed record ChooseQuestion(GroupId Group, int Session, int QuestionIndex) : GroupChange(Group)
{
    public override Group Apply(Group group) => group.WithPlan(Session, p => p with { QuestionIndex = QuestionIndex, OwnQuestion = null });
}

/// <summary>The peers' own question for the week.</summary>
public sealed record UseOwnQuestion(GroupId Group, int Session, MemberText Question) : GroupChange(Group)
{
    public override Group Apply(Group group) => group.WithPlan(Session, p => p with { OwnQuestion = Question, IsSkipped = false });
}

public sealed record SkipWeek(GroupId Group, int Session) : GroupChange(Group)
{
    public override Group Apply(Group group) => group.WithPlan(Session, p => p with { IsSkipped = true });
}

public sealed record SendNow(GroupId Group, int Session, DateTimeOffset AtUtc) : GroupChange(Group)
{
    public override Group Apply(Group group) => group.WithPlan(Session, p => p with { IsSkipped = false, SendNowAtUtc = AtUtc });
}

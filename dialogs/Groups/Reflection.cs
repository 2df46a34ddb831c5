using System.Collections.Immutable;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// A member's answer to a week's question, in their own words, exactly as written. Only the member sees it; with
/// <see cref="BringToGroup"/> they mark it to bring to the session themselves. A question the peers wrote
/// themselves is kept with it (<see cref="OwnQuestionText"/>), since the course does not hold it.
/// </summary>
public sealed record Reflection(
    GroupId Group, int Session, string QuestionId, ImmutableList<MemberText> Texts, bool BringToGroup, DateTimeOffset SavedAtUtc,
    DateTimeOffset? RemindedAtUtc = null,
    string? OwnQuestionText = null);

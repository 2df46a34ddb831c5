using System.Collections.Immutable;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// A member's answer to a week's question, in their own words, exactly as written. Only the member sees it; with
/// <see cref="BringToGroup"/> they mark it to bring to the session themselves.
/// </summary>
public sealed record Reflection(
    GroupId Group, int Session, string QuestionId, ImmutableList<MemberText> Texts, bool BringToGroup, DateTimeOffset SavedAtUtc,
    DateTimeOffset? RemindedAtUtc = null);

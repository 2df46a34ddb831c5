using System.Collections.Immutable;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Statements;

/// <summary>
/// A saved personal statement: the four parts in the member's exact words (part id → their messages), the meeting it
/// is for if they gave one, and when it was saved. Each save is a new numbered version.
/// </summary>
public sealed record Statement(int Number, DateTimeOffset SavedAtUtc, MemberText? Meeting, ImmutableDictionary<string, ImmutableList<MemberText>> Parts)
{
    /// <summary>The four prompts of Peer-Partnerskabet's personal statement, in their order.</summary>
    public static readonly IReadOnlyList<string> PartIds = ["introduce", "important", "help-with", "so-that"];
}

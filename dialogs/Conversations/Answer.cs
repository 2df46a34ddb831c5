using System.Collections.Immutable;

namespace PeerBot.Dialogs.Conversations;

/// <summary>A member's answer to one step: their words, a choice, yes/no, or skipped; or a started dialog's answers.</summary>
public sealed record Answer
{
    public ImmutableList<MemberText> Texts { get; init; } = [];
    public string? Choice { get; init; }
    public bool? Yes { get; init; }
    public bool IsSkipped { get; init; }
    public ImmutableDictionary<string, Answer>? Nested { get; init; }

    public static Answer Skipped { get; } = new() { IsSkipped = true };
}

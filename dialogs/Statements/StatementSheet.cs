namespace PeerBot.Dialogs.Statements;

/// <summary>A statement laid out for one sheet of paper, in the member's language: the host prints it (PDF) or shows it (a card).</summary>
public sealed record StatementSheet(string Title, string Date, string? Meeting, IReadOnlyList<StatementSection> Sections, string Language = "da");

/// <summary>One of the four prompts and the member's words for it (empty when skipped).</summary>
public sealed record StatementSection(string Heading, string Words);

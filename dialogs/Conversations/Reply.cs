namespace PeerBot.Dialogs.Conversations;

/// <summary>
/// Something the bot says. <see cref="LineId"/> names the content line it came from, so tests and logs can refer to
/// a reply without its wording.
/// </summary>
public abstract record Reply(string LineId, string Text);

/// <summary>Plain text.</summary>
public sealed record TextReply(string LineId, string Text) : Reply(LineId, Text);

/// <summary>Text with a few choices: buttons in Teams, numbered options in the terminal chat.</summary>
public sealed record ChoiceReply(string LineId, string Text, IReadOnlyList<Choice> Choices) : Reply(LineId, Text);

/// <summary>One choice: the <see cref="Id"/> comes back in <see cref="Turn.Choice"/> when it is picked.</summary>
public sealed record Choice(string Id, string Label);

/// <summary>
/// Text that invites the member to a private 1:1 chat with the bot; the host adds a way to open one where the
/// channel has it.
/// </summary>
public sealed record PrivateChatInvitation(string LineId, string Text, string OpenChatLabel) : Reply(LineId, Text);

/// <summary>Everything held about the member: readable <see cref="Reply.Text"/>, and the same as JSON.</summary>
public sealed record DataExport(string LineId, string Text, string Json) : Reply(LineId, Text);

/// <summary>
/// A personal statement to show whole: as text, and as a sheet the host can print or show as a card.
/// <see cref="Number"/> is the saved version, so the host can offer that version for download; <see cref="DownloadLabel"/>
/// and <see cref="TooLongLine"/> are the wording for the download button and for a sheet too long to print
/// ({section} names the part).
/// </summary>
public sealed record StatementReply(string LineId, string Text, Statements.StatementSheet Sheet, int Number, string DownloadLabel, string TooLongLine)
    : Reply(LineId, Text);

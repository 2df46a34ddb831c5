using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Language;

/// <summary>"sprog"/"language" at any point: the member picks Danish or English, and it is remembered. Wording: language.&lt;language&gt;.json.</summary>
public sealed class LanguageDialog : IDialog
{
    public static readonly DialogId DialogId = new("language");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = [];

    public IReadOnlyList<Step> Steps { get; } =
    [
        Choose("which", Languages.Danish, Languages.English),
        Do("set-language", SetLanguage),
        Say("changed"),
    ];

    // Skipped: the language stays as it is, and "changed" says which one that is.
    private static void SetLanguage(StepContext context)
    {
        if (context.Answers["which"].Choice is { } chosen)
            context.Language = chosen;
    }
}

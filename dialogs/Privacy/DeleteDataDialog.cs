using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Privacy;

/// <summary>"slet mine data"/"delete my data": one confirmation, then everything the bot holds about the member is deleted. Wording: delete-data.&lt;language&gt;.json.</summary>
public sealed class DeleteDataDialog : IDialog
{
    public static readonly DialogId DialogId = new("delete-data");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = [];

    public IReadOnlyList<Step> Steps { get; } =
    [
        Confirm("sure", skippable: false),
        Do("delete", Delete),
        Say("deleted"),
        Do("end", _ => Task.FromResult<string?>(EndOfDialog)),
        Say("kept"),
    ];

    private static Task<string?> Delete(StepContext context)
    {
        if (context.Answers["sure"].Yes != true)
            return Task.FromResult<string?>("kept");
        context.DeleteEverything = true;
        return Task.FromResult<string?>(null);
    }
}

using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Privacy;

/// <summary>
/// First contact, and "samtykke"/"consent" at any time: what is kept and who can see it, then an explicit yes or no
/// to keeping reflections. The answer is recorded with the text's version and the time; saying no is as easy as yes.
/// Wording: consent.&lt;language&gt;.json.
/// </summary>
public sealed class ConsentDialog : IDialog
{
    public static readonly DialogId DialogId = new("consent");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = [];

    public IReadOnlyList<Step> Steps { get; } =
    [
        Say("what-is-kept"),
        Confirm("keep-reflections"),
        Do("record", Record),
        Say("thanks-yes"),
        Do("end", _ => Task.FromResult<string?>(EndOfDialog)),
        Say("thanks-no"),
    ];

    private static Task<string?> Record(StepContext context)
    {
        var yes = context.Answers["keep-reflections"].Yes == true;
        context.State = context.State with { Consent = new Consent(yes, context.ContentVersion, context.Turn.AtUtc) };
        return Task.FromResult<string?>(yes ? null : "thanks-no");
    }
}

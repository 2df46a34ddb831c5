using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "påmindelser"/"reminders": the two kinds of reminder side by side, each with whether it is on, and the one to
/// change: about a week's question left unanswered (<see cref="AnswerReminderDialog"/>), or before the next session
/// about what the member marked to bring (<see cref="BringReminderDialog"/>). Wording: reminders.&lt;language&gt;.json.
/// </summary>
public sealed class RemindersDialog : IDialog
{
    public static readonly DialogId DialogId = new("reminders");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } =
        ["påmindelser", "påmindelse", "påmind mig", "reminders", "reminder", "remind me"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["about", "on", "off"];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("about", About),
        Choose("which", "question", "bring"),
        Do("route", context => context.Answers["which"].Choice switch
        {
            "question" => "question-reminder",
            "bring" => "bring-reminder",
            _ => EndOfDialog,
        }),
        Start("question-reminder", AnswerReminderDialog.DialogId),
        Do("end", _ => EndOfDialog),
        Start("bring-reminder", BringReminderDialog.DialogId),
    ];

    private IReadOnlyList<Step>? steps;

    private static void About(StepContext context) =>
        context.Say("about",
            ("question", context.Line(DialogId, context.State.AnswerReminderOn ? "on" : "off")),
            ("bring", context.Line(DialogId, context.State.RemindersOff ? "off" : "on")));
}

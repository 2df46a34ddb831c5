using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// At most one reminder of a week's question the member has neither answered nor skipped; off unless the member asks
/// for it ("påmindelser"/"reminders", or "påmind mig om spørgsmål"). The reminder opens the week's question again. Wording: answer-reminder.&lt;language&gt;.json.
/// </summary>
public sealed class AnswerReminderDialog(IGroupDirectory groups) : IDialog
{
    public static readonly DialogId DialogId = new("answer-reminder");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["påmind mig om spørgsmål", "påmindelse om spørgsmål", "remind me about questions", "question reminder"];

    public bool KeepsMemberText => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["reminder", "now-on", "now-off"];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("check", CheckAsync),
        Start("again", WeeklyReflectionDialog.DialogId),
        Do("end", _ => Task.FromResult<string?>(EndOfDialog)),
        Confirm("want"),
        Do("set", Set),
    ];

    private IReadOnlyList<Step>? steps;

    public static string Payload(GroupId group, int session) => $"{DialogId.Value}|{group.Value}|{session}";

    private async Task<string?> CheckAsync(StepContext context)
    {
        if (context.Turn.Kind != TurnKind.Scheduled)
            return "want";
        var parts = context.Turn.Choice!.Split('|');
        var group = await groups.FindAsync(new GroupId(parts[1]), CancellationToken.None);
        var week = group?.Week(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        var member = context.Turn.Member.Value;
        if (!context.State.AnswerReminderOn || week is null || week.Answered.Contains(member) || week.Skipped.Contains(member))
            return EndOfDialog;
        context.Say("reminder");
        return null;
    }

    private static void Set(StepContext context)
    {
        if (context.Answers["want"].Yes is not { } yes)
            return;
        context.State = context.State with { AnswerReminderOn = yes };
        context.Say(yes ? "now-on" : "now-off");
    }
}

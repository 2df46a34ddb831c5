using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// Before the next session (default: 2 hours before), one gentle reminder with the member's own words, for what they
/// marked to bring to the group; nothing for anyone else. "påmindelser"/"reminders" (or "påmindelse før mødegang")
/// turns it off or on.
/// Wording: bring-reminder.&lt;language&gt;.json.
/// </summary>
public sealed class BringReminderDialog(IGroupDirectory groups) : IDialog
{
    public static readonly DialogId DialogId = new("bring-reminder");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["påmindelse før mødegang", "påmind mig før mødegang", "reminder before sessions", "remind me before sessions"];

    public bool KeepsMemberText => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["reminder", "now-on", "now-off"];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("remind", RemindAsync),
        Confirm("want"),
        Do("set", Set),
    ];

    private IReadOnlyList<Step>? steps;

    public static string Payload(GroupId group, int session) => $"{DialogId.Value}|{group.Value}|{session}";

    private async Task<string?> RemindAsync(StepContext context)
    {
        if (context.Turn.Kind != TurnKind.Scheduled)
            return null;   // the member wrote "påmindelser": ask whether they want them
        var parts = context.Turn.Choice!.Split('|');
        var (groupId, session) = (new GroupId(parts[1]), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        var due = context.State.Reflections.Where(r => r.Group == groupId && r.Session == session && r.BringToGroup && r.RemindedAtUtc is null).ToList();
        if (due.Count == 0 || context.State.RemindersOff || await groups.FindAsync(groupId, CancellationToken.None) is not { } group)
            return EndOfDialog;
        context.Say("reminder", ("group", group.Name), ("words", string.Join("\n", due.SelectMany(r => r.Texts).Select(t => t.Reveal()))));
        context.State = context.State with { Reflections = [.. context.State.Reflections.Select(r => due.Contains(r) ? r with { RemindedAtUtc = context.Turn.AtUtc } : r)] };
        return EndOfDialog;
    }

    private static void Set(StepContext context)
    {
        if (context.Answers["want"].Yes is not { } yes)
            return;
        context.State = context.State with { RemindersOff = !yes };
        context.Say(yes ? "now-on" : "now-off");
    }
}

using System.Globalization;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "mine grupper"/"my groups": for each group the member is in, its next session; facilitators also see the codes and
/// how many participants there are, never who wrote what. Wording: my-groups.&lt;language&gt;.json.
/// </summary>
public sealed class MyGroupsDialog(IGroupDirectory groups) : IDialog
{
    public static readonly DialogId DialogId = new("my-groups");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["mine grupper", "min gruppe", "my groups", "my group"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["none", "as-participant", "as-facilitator", "week-counts", "week-too-few"];

    public IReadOnlyList<Step> Steps => steps ??= [Do("list", ListAsync)];

    private IReadOnlyList<Step>? steps;

    private async Task<string?> ListAsync(StepContext context)
    {
        var me = context.Turn.Member;
        var mine = (await groups.AllAsync(CancellationToken.None))
            .Where(g => g.Facilitators.Concat(g.Participants).Any(m => m.Member == me))
            .OrderBy(g => g.FirstSessionLocal)
            .ToList();
        if (mine.Count == 0)
            context.Say("none");
        foreach (var group in mine)
        {
            var next = GroupSchedule.LatestSession(group, int.MaxValue, context.Turn.AtUtc) is { } latest ? latest + 1 : 1;
            var nextLocal = GroupSchedule.ToLocal(GroupSchedule.SessionStartUtc(group, next), group.TimeZone);
            var when = CreateGroupDialog.Format(nextLocal, context.Language);
            if (group.Facilitators.Any(m => m.Member == me))
            {
                context.Say("as-facilitator",
                    ("name", group.Name), ("next", when),
                    ("participants", group.Participants.Count.ToString(CultureInfo.InvariantCulture)),
                    ("join-code", JoinCodes.Display(group.JoinCode)), ("facilitator-code", JoinCodes.Display(group.FacilitatorCode)));
                if (next > 1)
                    SayWeekCounts(context, group.Week(next - 1));
            }
            else
            {
                context.Say("as-participant", ("name", group.Name), ("next", when));
            }
        }
        return null;
    }

    // Counts only, and only when every count shown covers at least three people: a count of 1 or 2 can name someone.
    private static void SayWeekCounts(StepContext context, WeekCounts week)
    {
        int[] counts = [week.Invited.Count, week.Answered.Count, week.Skipped.Count, week.Paused.Count];
        if (counts.Any(c => c is > 0 and < WeekCounts.SmallestShownCount) || week.Invited.Count == 0)
        {
            context.Say("week-too-few");
            return;
        }
        context.Say("week-counts",
            ("invited", week.Invited.Count.ToString(CultureInfo.InvariantCulture)),
            ("answered", week.Answered.Count.ToString(CultureInfo.InvariantCulture)),
            ("skipped", week.Skipped.Count.ToString(CultureInfo.InvariantCulture)),
            ("paused", week.Paused.Count.ToString(CultureInfo.InvariantCulture)));
    }
}

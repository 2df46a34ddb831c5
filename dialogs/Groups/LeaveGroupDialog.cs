using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "forlad gruppe"/"leave group": as easy as joining. The member picks the group (when in several), says yes, and is
/// out of it: no more invitations, and the peers' counts no longer include them. Their own reflections stay theirs.
/// The only peer of a group is told that a co-facilitator can take over first. Wording: leave-group.&lt;language&gt;.json.
/// </summary>
public sealed class LeaveGroupDialog(IGroupDirectory groups) : IDialog
{
    public static readonly DialogId DialogId = new("leave-group");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } =
        ["forlad gruppe", "forlad gruppen", "meld mig ud", "meld mig ud af gruppen", "leave group", "leave the group", "leave my group"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["not-in-a-group", "about", "only-peer", "left", "stayed", .. GroupPicker.Lines];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("find", FindAsync),
        Ask(GroupPicker.AskStep),
        Do("pick", GroupPicker.Pick),
        Do("about", AboutAsync),
        Confirm("sure"),
        Do("leave", LeaveAsync),
    ];

    private IReadOnlyList<Step>? steps;

    private async Task<string?> FindAsync(StepContext context)
    {
        var mine = (await groups.AllAsync(CancellationToken.None))
            .Where(g => g.Includes(context.Turn.Member))
            .OrderBy(g => g.FirstSessionLocal)
            .ToList();
        if (mine.Count > 0)
            return GroupPicker.Offer(context, mine, "about");
        context.Say("not-in-a-group");
        return EndOfDialog;
    }

    private async Task<string?> AboutAsync(StepContext context)
    {
        var group = await groups.FindAsync(GroupPicker.Chosen(context), CancellationToken.None);
        if (group is null)
        {
            context.Say("not-in-a-group");
            return EndOfDialog;
        }
        if (group.Facilitators is [var only] && only.Member == context.Turn.Member)
        {
            context.Say("only-peer", ("name", group.Name));
            return EndOfDialog;
        }
        context.Say("about", ("name", group.Name));
        return null;
    }

    private async Task<string?> LeaveAsync(StepContext context)
    {
        var group = await groups.FindAsync(GroupPicker.Chosen(context), CancellationToken.None);
        if (group is null || context.Answers["sure"].Yes != true)
        {
            context.Say("stayed");
            return EndOfDialog;
        }
        context.Change(new RemoveMember(group.Id, context.Turn.Member));
        context.Say("left", ("name", group.Name));
        return EndOfDialog;
    }
}

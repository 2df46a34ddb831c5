using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// A participant joins a group with the code the peers gave them, in their 1:1 chat; the co-facilitator joins the
/// same way with the facilitator code. Codes stop working when intake closes. After five wrong codes in a row each
/// further try waits a little longer, so codes cannot be guessed by trying. Wording: join-group.&lt;language&gt;.json.
/// </summary>
public sealed class JoinGroupDialog(IGroupDirectory groups) : IDialog
{
    public static readonly DialogId DialogId = new("join-group");

    /// <summary>Wrong codes allowed in a row before tries are slowed down.</summary>
    public const int FreeWrongCodes = 5;

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["deltag", "tilmeld", "tilmeld mig", "join", "join group", "join a group"];

    /// <summary>Joining keeps the member in a group's list, and the weekly questions need their yes: so it comes first.</summary>
    public bool KeepsMemberText => true;

    public bool GoesOnAfterANo => true;

    public bool StartWordsTakeAnAnswer => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["not-a-code", "wrong-code", "slow-down", "closed", "joined", "joined-as-facilitator", "already-in"];

    public IReadOnlyList<Step> Steps => steps ??= [Ask("code"), Do("check-code", CheckAsync)];

    private IReadOnlyList<Step>? steps;

    /// <summary>How long a member waits before the next try, after <paramref name="wrong"/> wrong codes in a row.</summary>
    public static TimeSpan WaitAfter(int wrong) =>
        wrong < FreeWrongCodes ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, wrong - FreeWrongCodes)));

    private async Task<string?> CheckAsync(StepContext context)
    {
        var answer = context.Answers["code"];
        if (answer.IsSkipped)
            return EndOfDialog;
        var now = context.Turn.AtUtc;
        if (context.State.WrongCodes is { } wrong && now - wrong.LastUtc < WaitAfter(wrong.Count))
        {
            context.Say("slow-down");
            return EndOfDialog;
        }
        if (JoinCodes.Normalize(answer.Texts[0].Reveal()) is not { } code)
        {
            context.Say("not-a-code");
            return "code";
        }

        var group = await groups.FindByCodeAsync(code, CancellationToken.None);
        if (group is null)
        {
            context.State = context.State with { WrongCodes = new WrongCodes((context.State.WrongCodes?.Count ?? 0) + 1, now) };
            context.Say("wrong-code");
            return EndOfDialog;
        }
        context.State = context.State with { WrongCodes = null };
        if (!GroupSchedule.IsIntakeOpen(group, now))
        {
            context.Say("closed", ("name", group.Name));
            return EndOfDialog;
        }

        var asFacilitator = code == group.FacilitatorCode;
        var me = new GroupMember(context.Turn.Member, context.Turn.Conversation.Value, now);
        if (group.Includes(me.Member))
        {
            context.Say("already-in", ("name", group.Name));
            return EndOfDialog;
        }
        context.Change(new AddMember(group.Id, me, asFacilitator));
        var next = GroupSchedule.LatestSession(group, int.MaxValue, now) is { } latest ? latest + 1 : 1;
        var nextLocal = GroupSchedule.ToLocal(GroupSchedule.SessionStartUtc(group, next), group.TimeZone);
        context.Say(asFacilitator ? "joined-as-facilitator" : "joined", ("name", group.Name), ("next", CreateGroupDialog.Format(nextLocal, context.Language)));
        return EndOfDialog;
    }
}

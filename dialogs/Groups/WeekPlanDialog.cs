using System.Globalization;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Safety;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "ugens plan"/"week plan", for peers: the coming invitation (when, after which session, which question), and the
/// choice to take another of the week's questions, write their own, skip the week, or send it now. A question they
/// write is read by the phrasing guard; if it reads as advice the bot says why and asks them to confirm or rephrase.
/// Wording: week-plan.&lt;language&gt;.json.
/// </summary>
public sealed class WeekPlanDialog(IGroupDirectory groups, IReadOnlyDictionary<string, Course> courses, PhrasingGuard guard) : IDialog
{
    public static readonly DialogId DialogId = new("week-plan");
    private const string Plan = "plan";

    // Rule ids in phrasing.rules start with their family; the learned model's flag is "model".
    private static readonly string[] Reasons = ["obligation", "suggestion", "judging", "steering", "diagnosis", "minimising", "false-experience", "instruction", "imperative", "model"];

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["ugens plan", "næste spørgsmål", "week plan", "weekly plan", "this week's plan", "the week's plan", "plan", "next question"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } =
        ["not-facilitator", "coming", "coming-own", "week-skipped", "sending-now", "not-yet", "kept", "own-saved", .. Reasons.Select(r => "why-" + r), .. GroupPicker.Lines];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("find", FindAsync),
        Ask(GroupPicker.AskStep),
        Do("pick", context => Task.FromResult(GroupPicker.Pick(context))),
        Do("show", ShowAsync),
        Choose("what-now", "other-question", "own-question", "skip-week", "send-now", "settings", "keep"),
        Do("route", RouteAsync),
        Ask("own"),
        Do("check-own", CheckOwn),
        Confirm("use-anyway"),
        Do("decide", Decide),
        Start("settings", GroupSettingsDialog.DialogId),
    ];

    private IReadOnlyList<Step>? steps;

    private Task<string?> FindAsync(StepContext context) => GroupPicker.OfferFacilitatedAsync(context, groups, "show");

    private async Task<string?> ShowAsync(StepContext context)
    {
        var group = await groups.FindAsync(GroupPicker.Chosen(context), CancellationToken.None);
        if (group is null)
            return EndOfDialog;
        var session = group.ComingInvitation(courses[group.CourseId].Sessions.Count, context.Turn.AtUtc);
        context.Remember(Plan, new Answer { Choice = $"{group.Id.Value}|{session}" });
        SayComing(context, group, session);
        return null;
    }

    private async Task<string?> RouteAsync(StepContext context)
    {
        var (id, session) = Parse(context);
        switch (context.Answers["what-now"].Choice)
        {
            case "other-question":
                if (await groups.FindAsync(id, CancellationToken.None) is { } group)
                {
                    var plan = group.Plan(session);
                    var next = new ChooseQuestion(id, session,
                        plan.OwnQuestion is null ? (plan.QuestionIndex + 1) % courses[group.CourseId].Sessions[session - 1].Questions.Count : 0);
                    context.Change(next);
                    SayComing(context, next.Apply(group), session);
                }
                return "what-now";
            case "own-question":
                return null;
            case "skip-week":
                context.Change(new SkipWeek(id, session));
                context.Say("week-skipped");
                return EndOfDialog;
            case "send-now":
                // The week's question is about a session the group has had: before it, there is nothing to send yet.
                if (await groups.FindAsync(id, CancellationToken.None) is { } sessionOf && GroupSchedule.SessionStartUtc(sessionOf, session) > context.Turn.AtUtc)
                {
                    var start = GroupSchedule.ToLocal(GroupSchedule.SessionStartUtc(sessionOf, session), sessionOf.TimeZone);
                    context.Say("not-yet", ("session", session.ToString(CultureInfo.InvariantCulture)), ("when", CreateGroupDialog.Format(start, context.Language)));
                    return "what-now";
                }
                context.Change(new SendNow(id, session, context.Turn.AtUtc));
                context.Say("sending-now");
                return EndOfDialog;
            case "settings":
                return "settings";
            default:
                context.Say("kept");
                return EndOfDialog;
        }
    }

    private string? CheckOwn(StepContext context)
    {
        if (context.Answers["own"].IsSkipped)
            return "show";
        var rule = guard.Check(context.Answers["own"].Texts[0].Reveal());
        if (rule is null)
            return SaveOwn(context);
        var reason = Reasons.FirstOrDefault(r => rule.StartsWith(r, StringComparison.Ordinal)) ?? "instruction";
        context.Say("why-" + reason);
        return null;
    }

    private static string? Decide(StepContext context) =>
        context.Answers["use-anyway"].Yes == true ? SaveOwn(context) : "own";

    private static string? SaveOwn(StepContext context)
    {
        var (id, session) = Parse(context);
        var own = context.Answers["own"].Texts[0];
        context.Change(new UseOwnQuestion(id, session, own));
        context.Say("own-saved");
        return EndOfDialog;
    }

    private void SayComing(StepContext context, Group group, int session)
    {
        var course = courses[group.CourseId];
        var when = GroupSchedule.ToLocal(GroupSchedule.InvitationUtc(group, session), group.TimeZone);
        var plan = group.Plan(session);
        var values = new List<(string, string)>
        {
            ("name", group.Name),
            ("when", CreateGroupDialog.Format(when, context.Language)),
            ("session", session.ToString(CultureInfo.InvariantCulture)),
            ("theme", course.Sessions[session - 1].Theme.GetValueOrDefault(context.Language) ?? ""),
            ("question", plan.OwnQuestion?.Reveal() ?? course.Sessions[session - 1].Questions[plan.QuestionIndex].In(context.Language)),
        };
        context.Say(plan.OwnQuestion is null ? "coming" : "coming-own", [.. values]);
    }

    private static (GroupId Id, int Session) Parse(StepContext context)
    {
        var parts = context.Answers[Plan].Choice!.Split('|');
        return (new GroupId(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}

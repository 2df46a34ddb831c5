using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "ret gruppe"/"edit group", for peers: change the name, the first session's date and time (the weekly sessions
/// follow it), the time zone, the language of the week's questions, the region (whose help lines members get first), or after which session intake closes (default:
/// session 2), or draw new codes, which stops the old ones at
/// once. Wording: group-settings.&lt;language&gt;.json.
/// </summary>
public sealed class GroupSettingsDialog(IGroupDirectory groups, IReadOnlyDictionary<string, Course> courses) : IDialog
{
    public static readonly DialogId DialogId = new("group-settings");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } =
        ["ret gruppe", "rediger gruppe", "ændre gruppe", "gruppeindstillinger", "nye koder", "edit group", "change group", "group settings", "new codes"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } =
        ["not-facilitator", "the-group", "language-name.da", "language-name.en", "no-region", "name-saved", "first-session.retry", "first-session-saved", "codes-renewed", "nothing-changed",
         "time-zone.retry", "time-zone-saved", "first-session-has-been", "language-saved", "region-saved", "region-cleared", "intake.retry", "intake-saved", .. GroupPicker.Lines];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("find", FindAsync),
        Ask(GroupPicker.AskStep),
        Do("pick", context => Task.FromResult(GroupPicker.Pick(context))),
        Do("name-the-group", NameTheGroupAsync),
        Choose("what", "name", "first-session", "time-zone", "language", "region", "intake", "new-codes", "week-plan", "nothing"),
        Do("route", Route),
        Ask("name", skippable: false),
        Do("save-name", SaveName),
        Ask("first-session", skippable: false),
        Do("save-first-session", SaveFirstSessionAsync),
        Ask("time-zone", skippable: false),
        Do("save-time-zone", SaveTimeZone),
        Choose("language", "da", "en"),
        Do("save-language", SaveLanguage),
        Choose("region", GroupRegions.Choices),
        Do("save-region", SaveRegion),
        Ask("intake", skippable: false),
        Do("save-intake", SaveIntakeAsync),
        Confirm("sure-new-codes"),
        Do("renew", Renew),
        Do("end", _ => Task.FromResult<string?>(EndOfDialog)),
        Start("week-plan", WeekPlanDialog.DialogId),
    ];

    private IReadOnlyList<Step>? steps;

    private Task<string?> FindAsync(StepContext context) => GroupPicker.OfferFacilitatedAsync(context, groups, "name-the-group");

    private async Task<string?> NameTheGroupAsync(StepContext context)
    {
        // The group as it is now, so the peer sees each value before choosing what to change.
        if (await groups.FindAsync(GroupPicker.Chosen(context), CancellationToken.None) is { } group)
        {
            var closes = GroupSchedule.ToLocal(GroupSchedule.SessionStartUtc(group, group.IntakeClosesAfterSession + 1), group.TimeZone);
            context.Say("the-group",
                ("name", group.Name),
                ("first", CreateGroupDialog.Format(group.FirstSessionLocal, context.Language)),
                ("zone", CreateGroupDialog.ZoneName(group.TimeZone, context)),
                ("language", context.Line(DialogId, "language-name." + group.Language)),
                ("region", context.Line(DialogId, group.Region is null ? "no-region" : "region." + group.Region)),
                ("closes", CreateGroupDialog.Format(closes, context.Language)));
        }
        return null;
    }

    private static Task<string?> Route(StepContext context) => Task.FromResult<string?>(context.Answers["what"].Choice switch
    {
        "name" => "name",
        "first-session" => "first-session",
        "time-zone" => "time-zone",
        "language" => "language",
        "region" => "region",
        "intake" => "intake",
        "new-codes" => "sure-new-codes",
        "week-plan" => "week-plan",
        _ => Nothing(context),
    });

    private static string Nothing(StepContext context)
    {
        context.Say("nothing-changed");
        return EndOfDialog;
    }

    private static string? SaveName(StepContext context)
    {
        var name = context.Answers["name"].Texts[0].Reveal().Trim();
        context.Change(new Rename(GroupOf(context), name));
        context.Say("name-saved", ("name", name));
        return EndOfDialog;
    }

    private async Task<string?> SaveFirstSessionAsync(StepContext context)
    {
        if (await groups.FindAsync(GroupOf(context), CancellationToken.None) is not { } group)
            return EndOfDialog;
        if (GroupSchedule.SessionStartUtc(group, 1) <= context.Turn.AtUtc)
        {
            // Moving session 1 once it has been would renumber the course, and last weeks' questions would come again.
            context.Say("first-session-has-been");
            return EndOfDialog;
        }
        var today = GroupSchedule.ToLocal(context.Turn.AtUtc, group.TimeZone);
        if (!LocalTimeParser.TryParse(context.Answers["first-session"].Texts[0].Reveal(), today, out var first))
        {
            context.Say("first-session.retry");
            return "first-session";
        }
        context.Change(new MoveFirstSession(group.Id, first));
        context.Say("first-session-saved", ("date", CreateGroupDialog.Format(first, context.Language)));
        return EndOfDialog;
    }

    private static string? SaveTimeZone(StepContext context)
    {
        var typed = context.Answers["time-zone"].Texts[0].Reveal().Trim();
        if (Words.Normalize(typed) is "dansk tid" or "danish time" or "danmark" or "denmark")
            typed = CreateGroupDialog.DefaultTimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(typed, out var zone))
        {
            context.Say("time-zone.retry");
            return "time-zone";
        }
        context.Change(new SetTimeZone(GroupOf(context), zone.Id));
        context.Say("time-zone-saved", ("zone", CreateGroupDialog.ZoneName(zone.Id, context)));
        return EndOfDialog;
    }

    private static string? SaveLanguage(StepContext context)
    {
        if (context.Answers["language"].Choice is { } language)
        {
            context.Change(new SetLanguage(GroupOf(context), language));
            context.Say("language-saved");
        }
        return EndOfDialog;
    }

    private static string? SaveRegion(StepContext context)
    {
        // "Spring over" is both the skip word and the button for no region: here it keeps the region as it is.
        if (context.Answers["region"].Choice is not { } choice)
        {
            context.Say("nothing-changed");
            return EndOfDialog;
        }
        var region = GroupRegions.FromChoice(choice);
        context.Change(new SetRegion(GroupOf(context), region));
        if (region is null)
            context.Say("region-cleared");
        else
            context.Say("region-saved", ("region", context.Line(DialogId, "region." + region)));
        return EndOfDialog;
    }

    private async Task<string?> SaveIntakeAsync(StepContext context)
    {
        var group = await groups.FindAsync(GroupOf(context), CancellationToken.None);
        var sessions = courses.GetValueOrDefault(group!.CourseId)?.Sessions.Count ?? 1;
        if (!int.TryParse(context.Answers["intake"].Texts[0].Reveal().Trim().TrimEnd('.'), out var after) || after < 1 || after >= sessions)
        {
            context.Say("intake.retry", ("sessions", (sessions - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return "intake";
        }
        context.Change(new CloseIntakeAfter(group.Id, after));
        var closes = GroupSchedule.ToLocal(GroupSchedule.SessionStartUtc(group, after + 1), group.TimeZone);
        context.Say("intake-saved", ("closes", CreateGroupDialog.Format(closes, context.Language)));
        return EndOfDialog;
    }

    private static string? Renew(StepContext context)
    {
        if (context.Answers["sure-new-codes"].Yes != true)
            return Nothing(context);
        var renewed = new NewCodes(GroupOf(context), JoinCodes.New(), JoinCodes.New());
        context.Change(renewed);
        context.Say("codes-renewed", ("join-code", JoinCodes.Display(renewed.JoinCode)), ("facilitator-code", JoinCodes.Display(renewed.FacilitatorCode)));
        return EndOfDialog;
    }

    private static GroupId GroupOf(StepContext context) => GroupPicker.Chosen(context);
}

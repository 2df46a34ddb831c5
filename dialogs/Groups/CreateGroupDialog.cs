using System.Globalization;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// A peer sets up a group in their 1:1 chat: its name and when session 1 starts; the sessions follow weekly. The bot
/// asks the group's region (for the help lines in a crisis reply; it can be left open), then answers with the participants' join code and a separate code for the co-facilitator. Time zone Europe/Copenhagen,
/// the peer's language, and the course "Vejen til hverdagslivet" are the defaults. Wording: create-group.&lt;language&gt;.json.
/// </summary>
public sealed class CreateGroupDialog(IReadOnlyDictionary<string, Course> courses) : IDialog
{
    public static readonly DialogId DialogId = new("create-group");
    public const string DefaultTimeZone = "Europe/Copenhagen";

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["opret gruppe", "opret en gruppe", "ny gruppe", "create group", "create a group", "new group"];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["first-session.retry", "summary", "created", "not-created", "danish-time"];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Say("intro"),
        Ask("name", skippable: false),
        Ask("first-session", skippable: false),
        Do("check-first-session", CheckFirstSession),
        Choose("region", GroupRegions.Choices),
        Confirm("create", skippable: false),
        Do("create-group", CreateAsync),
    ];

    private IReadOnlyList<Step>? steps;

    private static Task<string?> CheckFirstSession(StepContext context)
    {
        var today = GroupSchedule.ToLocal(context.Turn.AtUtc, DefaultTimeZone);
        if (!LocalTimeParser.TryParse(Text(context, "first-session"), today, out var first) || first < today)
        {
            context.Say("first-session.retry");
            return Task.FromResult<string?>("first-session");
        }
        context.Say("summary", ("name", Text(context, "name")), ("date", Format(first, context.Language)));
        return Task.FromResult<string?>(null);
    }

    private Task<string?> CreateAsync(StepContext context)
    {
        if (context.Answers["create"].Yes != true)
        {
            context.Say("not-created");
            return Task.FromResult<string?>(EndOfDialog);
        }
        var today = GroupSchedule.ToLocal(context.Turn.AtUtc, DefaultTimeZone);
        LocalTimeParser.TryParse(Text(context, "first-session"), today, out var first);
        var course = courses[Course.DefaultId];
        var peer = new GroupMember(context.Turn.Member, context.Turn.Conversation.Value, context.Turn.AtUtc);
        var group = new Group(
            NewGroupId(context.Turn), Text(context, "name").Trim(), course.Id, first, DefaultTimeZone, context.Language,
            JoinCodes.New(), JoinCodes.New(), Group.DefaultIntakeClosesAfterSession, [peer], [], Region: GroupRegions.FromChoice(context.Answers.GetValueOrDefault("region")?.Choice));
        context.Change(new CreateGroup(group));
        var intakeCloses = GroupSchedule.SessionStartUtc(group, group.IntakeClosesAfterSession + 1);
        context.Say("created",
            ("name", group.Name),
            ("join-code", JoinCodes.Display(group.JoinCode)),
            ("facilitator-code", JoinCodes.Display(group.FacilitatorCode)),
            ("sessions", course.Sessions.Count.ToString(CultureInfo.InvariantCulture)),
            ("zone", ZoneName(group.TimeZone, context)),
            ("closes", Format(GroupSchedule.ToLocal(intakeCloses, group.TimeZone), context.Language)));
        return Task.FromResult<string?>(null);
    }

    /// <summary>From the turn's id, so that a turn delivered twice creates one group; random for a turn without one.</summary>
    private static GroupId NewGroupId(Turn turn) => new(turn.Id is { } id
        ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{turn.Conversation.Value}|{id}")))[..12]
        : Guid.NewGuid().ToString("N")[..12]);

    private static string Text(StepContext context, string step) => context.Answers[step].Texts[0].Reveal();

    /// <summary>A time zone as a member reads it: Danish time in words ("dansk tid"), any other by its name.</summary>
    internal static string ZoneName(string zone, StepContext context) =>
        zone == DefaultTimeZone ? context.Line(DialogId, "danish-time") : zone;

    internal static string Format(DateTime local, string language) =>
        local.ToString(language == "en" ? "dddd d MMMM yyyy 'at' HH:mm" : "dddd 'd.' d. MMMM yyyy 'kl.' HH:mm",
            CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "da-DK"));
}

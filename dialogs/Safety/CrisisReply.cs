using System.Globalization;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// The fixed reply to a message in crisis (domain.md §5.4), and the help lines on request. Help lines that are open
/// now come first, read in the configured time zone; every line shows its hours. Wording: crisis.&lt;language&gt;.json;
/// numbers and hours: <see cref="CrisisOptions"/>.
/// </summary>
public sealed class CrisisReply
{
    public const string DialogId = "crisis";
    public const string ResumeChoice = "resume";

    private static readonly string[] LineIds =
    [
        "acknowledge", "limits", "emergency", "talk-to-someone", "line-with-number", "line-without-number", "open-now", "closed-now",
        "always-open", "daily", "day-0", "day-1", "day-2", "day-3", "day-4", "day-5", "day-6", "stay", "offer-resume", "resume", "help-now",
    ];

    private readonly ContentCatalog content;
    private readonly CrisisOptions options;
    private readonly TimeZoneInfo timeZone;
    private readonly IReadOnlyList<(HelpLine Line, IReadOnlyList<OpeningPeriod> Periods)> helpLines;

    public CrisisReply(ContentCatalog content, CrisisOptions options)
    {
        this.content = content;
        this.options = options;
        timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var lines = options.HelpLines.Count > 0 ? options.HelpLines : CrisisOptions.DanishDefaults();
        helpLines = [.. lines.Select(l => (l, (IReadOnlyList<OpeningPeriod>)[.. (l.OpenHours.Count == 0 ? ["always"] : l.OpenHours).Select(OpeningPeriod.Parse)]))];
    }

    public static IEnumerable<LineRef> Lines => LineIds.Select(id => new LineRef(DialogId, id));

    public TimeSpan PausePromptsFor => options.PausePromptsFor;

    /// <summary>The reply to a message that shows crisis; offers to go on with an interrupted dialog if there is one.</summary>
    public IReadOnlyList<Reply> ForCrisis(string language, DateTimeOffset nowUtc, bool hasInterruptedDialog)
    {
        var hours = ((int)options.PausePromptsFor.TotalHours).ToString(CultureInfo.InvariantCulture);
        var text = string.Join("\n\n",
            Say("acknowledge", language),
            Say("limits", language),
            Say("emergency", language),
            HelpLinesText(language, nowUtc),
            Say("stay", language, ("hours", hours)));
        List<Reply> replies = [new TextReply("crisis", text)];
        if (hasInterruptedDialog)
            replies.Add(new ChoiceReply("offer-resume", Say("offer-resume", language), [new Choice(ResumeChoice, Say("resume", language))]));
        return replies;
    }

    /// <summary>112 and the help lines, for "hjælp nu"/"help now" or the "Brug for hjælp nu?" button.</summary>
    public IReadOnlyList<Reply> HelpNow(string language, DateTimeOffset nowUtc) =>
        [new TextReply("help-now", string.Join("\n\n", Say("help-now", language), Say("emergency", language), HelpLinesText(language, nowUtc)))];

    private string HelpLinesText(string language, DateTimeOffset nowUtc)
    {
        var local = TimeZoneInfo.ConvertTime(nowUtc, timeZone).DateTime;
        var ordered = helpLines.OrderByDescending(h => h.Periods.Any(p => p.IsOpenAt(local)));
        var lines = ordered.Select(h =>
        {
            var isOpen = h.Periods.Any(p => p.IsOpenAt(local));
            var about = h.Line.About.GetValueOrDefault(language) ?? h.Line.About.Values.FirstOrDefault() ?? "";
            return string.IsNullOrEmpty(h.Line.Number)
                ? Say("line-without-number", language, ("name", h.Line.Name), ("hours", Hours(h.Periods, language)), ("about", about))
                : Say("line-with-number", language, ("name", h.Line.Name), ("number", h.Line.Number), ("hours", Hours(h.Periods, language)),
                    ("status", Say(isOpen ? "open-now" : "closed-now", language)), ("about", about));
        });
        return Say("talk-to-someone", language) + "\n" + string.Join("\n", lines);
    }

    private string Hours(IReadOnlyList<OpeningPeriod> periods, string language)
    {
        if (periods.Any(p => p.IsAllDayEveryDay))
            return Say("always-open", language);
        return string.Join(", ", periods.Select(p =>
        {
            var days = p.Days.Count == 7 ? Say("daily", language) : DayText(p.DayIndexes.ToList(), language);
            return $"{days} {p.Opens:HH\\:mm}–{p.Closes:HH\\:mm}";
        }));
    }

    // Consecutive days read as a range ("man–tor"), others as a list ("man, ons, fre").
    private string DayText(List<int> days, string language)
    {
        var consecutive = days.Count > 2 && days.Zip(days.Skip(1)).All(pair => pair.Second == pair.First + 1);
        return consecutive
            ? $"{Say($"day-{days[0]}", language)}–{Say($"day-{days[^1]}", language)}"
            : string.Join(", ", days.Select(d => Say($"day-{d}", language)));
    }

    private string Say(string id, string language, params (string, string)[] values) => content.Line(new LineRef(DialogId, id), language, values);
}

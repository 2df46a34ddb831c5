using System.Globalization;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// The fixed reply to a message in crisis (domain.md §5.4), the shorter one to a second disclosure, the short
/// acknowledgements of the caring mode after it, and the help lines on request. Lines open now come first, read in
/// the configured time zone, and among them the member's region's when it is known; without a region every region's
/// acute contact follows the national lines, briefly. Every line shows its hours. Wording: crisis.&lt;language&gt;.json;
/// numbers and hours: <see cref="CrisisOptions"/>.
/// </summary>
public sealed class CrisisReply
{
    public const string DialogId = "crisis";
    public const string ResumeChoice = "resume";

    /// <summary>Words that end the caring mode and go back to what the member was doing.</summary>
    public static IReadOnlySet<string> BackWords { get; } = new HashSet<string>(StringComparer.Ordinal) { "tilbage", "gå tilbage", "videre", "back", "go back", "go on" };

    private static readonly string[] LineIds =
    [
        "acknowledge", "limits", "emergency", "talk-to-someone", "line-with-number", "line-without-number", "open-now", "closed-now",
        "always-open", "daily", "day-0", "day-1", "day-2", "day-3", "day-4", "day-5", "day-6", "stay", "offer-resume", "resume", "help-now",
        "regions", "region-line", "again", "all-numbers", "misread", "caring-1", "caring-2", "back", "back-nothing",
    ];

    private readonly ContentCatalog content;
    private readonly CrisisOptions options;
    private readonly TimeZoneInfo timeZone;
    private readonly IReadOnlyList<Listed> national;
    private readonly IReadOnlyDictionary<string, (HelpRegion Region, IReadOnlyList<Listed> Lines)> regions;

    private sealed record Listed(HelpLine Line, IReadOnlyList<OpeningPeriod> Periods)
    {
        public bool IsOpenAt(DateTime local) => Periods.Any(p => p.IsOpenAt(local));
    }

    public CrisisReply(ContentCatalog content, CrisisOptions options)
    {
        this.content = content;
        this.options = options;
        timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        national = List(options.HelpLines.Count > 0 ? options.HelpLines : CrisisOptions.DanishDefaults());
        regions = (options.Regions.Count > 0 ? options.Regions : CrisisOptions.DanishRegions())
            .ToDictionary(r => r.Key, r => (r.Value, (IReadOnlyList<Listed>)List(r.Value.Lines)));
    }

    public static IEnumerable<LineRef> Lines => LineIds.Select(id => new LineRef(DialogId, id));

    public TimeSpan PausePromptsFor => options.PausePromptsFor;

    /// <summary>The reply to a message that shows crisis; offers to go on with an interrupted dialog if there is one.</summary>
    public IReadOnlyList<Reply> ForCrisis(string language, DateTimeOffset nowUtc, bool hasInterruptedDialog, string? region = null)
    {
        var hours = ((int)options.PausePromptsFor.TotalHours).ToString(CultureInfo.InvariantCulture);
        var text = string.Join("\n\n",
            Say("acknowledge", language),
            Say("limits", language),
            Say("emergency", language),
            HelpLinesText(language, nowUtc, region),
            Say("stay", language, ("hours", hours)));
        List<Reply> replies = [new TextReply("crisis", text)];
        if (hasInterruptedDialog)
            replies.Add(new ChoiceReply("offer-resume", Say("offer-resume", language), [new Choice(ResumeChoice, Say("resume", language))]));
        return replies;
    }

    /// <summary>
    /// A second disclosure in the caring mode: not the whole reply again, but 112, the lines open now (the member's
    /// region's first), how to see them all, and what to write if the bot misread them.
    /// </summary>
    public IReadOnlyList<Reply> ForRepeatedCrisis(string language, DateTimeOffset nowUtc, string? region = null)
    {
        var local = Local(nowUtc);
        var open = RegionalLines(region).Concat(national).Where(l => l.IsOpenAt(local) && l.Line.Number.Length > 0).Take(2)
            .Select(l => LineText(l, language, local));
        var text = string.Join("\n\n",
            Say("again", language),
            Say("emergency", language) + "\n" + string.Join("\n", open),
            Say("all-numbers", language),
            Say("misread", language));
        return [new TextReply("crisis-again", text)];
    }

    /// <summary>What the bot says in the caring mode to anything that is not a request: short, and never a menu.</summary>
    public IReadOnlyList<Reply> WhileCaring(string language, int turnsSince) =>
        [new TextReply("caring", Say(turnsSince % 2 == 1 ? "caring-1" : "caring-2", language))];

    /// <summary>The member wrote "tilbage": the caring mode ends.</summary>
    public Reply Back(string language, bool hasInterruptedDialog)
    {
        var id = hasInterruptedDialog ? "back" : "back-nothing";
        return new TextReply(id, Say(id, language));
    }

    /// <summary>112 and the help lines, for "hjælp nu"/"help now" or the "Brug for hjælp nu?" button.</summary>
    public IReadOnlyList<Reply> HelpNow(string language, DateTimeOffset nowUtc, string? region = null) =>
        [new TextReply("help-now", string.Join("\n\n", Say("help-now", language), Say("emergency", language), HelpLinesText(language, nowUtc, region)))];

    /// <summary>True for a region id that has help lines.</summary>
    public bool KnowsRegion(string? region) => region is not null && regions.ContainsKey(region);

    private static List<Listed> List(IEnumerable<HelpLine> lines) =>
        [.. lines.Select(l => new Listed(l, [.. (l.OpenHours.Count == 0 ? ["always"] : l.OpenHours).Select(OpeningPeriod.Parse)]))];

    private DateTime Local(DateTimeOffset nowUtc) => TimeZoneInfo.ConvertTime(nowUtc, timeZone).DateTime;

    private IReadOnlyList<Listed> RegionalLines(string? region) =>
        region is not null && regions.TryGetValue(region, out var found) ? found.Lines : [];

    private string HelpLinesText(string language, DateTimeOffset nowUtc, string? region)
    {
        var local = Local(nowUtc);
        var regional = RegionalLines(region);
        // Open lines first, the member's region first among them; a closed regional line is no help at the top.
        var lines = regional.Concat(national).OrderByDescending(l => l.IsOpenAt(local))
            .Select(l => LineText(l, language, local));
        var text = Say("talk-to-someone", language) + "\n" + string.Join("\n", lines);
        if (regional.Count > 0 || regions.Count == 0)
            return text;
        // Without a known region: every region's most direct contact, one line each.
        var everyRegion = regions.Values.Where(r => r.Lines.Count > 0).Select(r => Say("region-line", language,
            ("region", r.Region.Name.GetValueOrDefault(language) ?? r.Region.Name.Values.FirstOrDefault() ?? ""),
            ("name", r.Lines[0].Line.Name), ("number", r.Lines[0].Line.Number), ("hours", Hours(r.Lines[0].Periods, language))));
        return text + "\n\n" + Say("regions", language) + "\n" + string.Join("\n", everyRegion);
    }

    private string LineText(Listed listed, string language, DateTime local)
    {
        var line = listed.Line;
        var about = line.About.GetValueOrDefault(language) ?? line.About.Values.FirstOrDefault() ?? "";
        return string.IsNullOrEmpty(line.Number)
            ? Say("line-without-number", language, ("name", line.Name), ("hours", Hours(listed.Periods, language)), ("about", about))
            : Say("line-with-number", language, ("name", line.Name), ("number", line.Number), ("hours", Hours(listed.Periods, language)),
                ("status", Say(listed.IsOpenAt(local) ? "open-now" : "closed-now", language)), ("about", about));
    }

    private string Hours(IReadOnlyList<OpeningPeriod> periods, string language)
    {
        if (periods.Any(p => p.IsAllDayEveryDay))
            return Say("always-open", language);
        // Periods apart with a semicolon, since a period's own days are listed with commas ("man, ons, fre 09:00–15:00; tir, tor ...").
        return string.Join("; ", periods.Select(p =>
        {
            var days = p.Days.Count == 7 ? Say("daily", language) : DayText(p.DayIndexes.ToList(), language);
            // A period that closes when it opens runs the whole day round, e.g. the out-of-hours doctor's weekend.
            return p.Opens == p.Closes ? $"{days} {Say("always-open", language)}" : $"{days} {p.Opens:HH\\:mm}–{p.Closes:HH\\:mm}";
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

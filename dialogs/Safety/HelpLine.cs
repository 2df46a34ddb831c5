using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Safety;

/// <summary>A help line shown in the crisis reply: who, which number, when it is open, and where that came from.</summary>
public sealed class HelpLine
{
    public string Name { get; set; } = "";

    /// <summary>The phone number as people dial it, e.g. "70 201 201". Empty for a place rather than a line.</summary>
    public string Number { get; set; } = "";

    /// <summary>What it is for, per language ("da", "en"), e.g. "ved selvmordstanker".</summary>
    public Dictionary<string, string> About { get; set; } = [];

    /// <summary>
    /// When it answers, in the crisis time zone: "always", "daily 11:00-05:00", "Mon-Thu 10:00-22:00", "Mon,Wed,Fri 09:00-15:00".
    /// A period that ends before it starts runs past midnight. Empty means always.
    /// </summary>
    public List<string> OpenHours { get; set; } = [];

    /// <summary>Where the number and hours come from; hours change, so check it before a release.</summary>
    public string Source { get; set; } = "";
}

/// <summary>One opening period of a help line, parsed from <see cref="HelpLine.OpenHours"/>.</summary>
public sealed partial record OpeningPeriod(IReadOnlySet<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes)
{
    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public bool IsAllDayEveryDay => Days.Count == 7 && Opens == Closes;

    /// <summary>Parses "always", "daily 11:00-05:00", "Mon-Thu 10:00-22:00" or "Mon,Wed 09:00-15:00".</summary>
    public static OpeningPeriod Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "always")
            return new OpeningPeriod(Week.ToHashSet(), TimeOnly.MinValue, TimeOnly.MinValue);
        var match = Pattern().Match(trimmed);
        if (!match.Success)
            throw new FormatException($"Opening hours '{text}' are not like 'always', 'daily 11:00-05:00' or 'Mon-Thu 10:00-22:00'");
        var days = match.Groups["days"].Value == "daily" ? Week.ToHashSet() : ParseDays(match.Groups["days"].Value, text);
        return new OpeningPeriod(days,
            TimeOnly.Parse(match.Groups["opens"].Value, CultureInfo.InvariantCulture),
            TimeOnly.Parse(match.Groups["closes"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>True when the line answers at this local time; a period past midnight belongs to the day it opens.</summary>
    public bool IsOpenAt(DateTime local)
    {
        if (IsAllDayEveryDay)
            return true;
        var time = TimeOnly.FromDateTime(local);
        if (Opens < Closes)
            return Days.Contains(local.DayOfWeek) && time >= Opens && time < Closes;
        return (Days.Contains(local.DayOfWeek) && time >= Opens) || (Days.Contains(local.AddDays(-1).DayOfWeek) && time < Closes);
    }

    /// <summary>Monday-first day indexes (0 = Monday), for showing the days in a language.</summary>
    public IEnumerable<int> DayIndexes => Week.Select((day, index) => (day, index)).Where(d => Days.Contains(d.day)).Select(d => d.index);

    private static HashSet<DayOfWeek> ParseDays(string days, string text)
    {
        var result = new HashSet<DayOfWeek>();
        foreach (var part in days.Split(','))
        {
            var range = part.Split('-');
            var from = Array.IndexOf(DayNames, range[0]);
            var to = Array.IndexOf(DayNames, range[^1]);
            if (from < 0 || to < 0)
                throw new FormatException($"Opening hours '{text}' name an unknown day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun");
            for (var i = from; ; i = (i + 1) % 7)
            {
                result.Add(Week[i]);
                if (i == to)
                    break;
            }
        }
        return result;
    }

    [GeneratedRegex(@"^(?<days>daily|[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*) (?<opens>\d{1,2}:\d{2})-(?<closes>\d{1,2}:\d{2})$")]
    private static partial Regex Pattern();
}

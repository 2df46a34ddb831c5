using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// Reads a date and time the way people type them: "19.3.2026 17:00", "19/3 kl. 17", "19-03-2026 17.30",
/// "2026-03-19 17:00". A date without a year is the next one to come.
/// </summary>
public static partial class LocalTimeParser
{
    public static bool TryParse(string text, DateTime todayLocal, out DateTime local)
    {
        local = default;
        var iso = Iso().Match(text);
        var dayFirst = DayFirst().Match(text);
        int year, month, day, hour, minute;
        if (iso.Success)
        {
            (year, month, day) = (Int(iso, "year"), Int(iso, "month"), Int(iso, "day"));
            (hour, minute) = (Int(iso, "hour"), iso.Groups["minute"].Success ? Int(iso, "minute") : 0);
        }
        else if (dayFirst.Success)
        {
            (day, month) = (Int(dayFirst, "day"), Int(dayFirst, "month"));
            year = dayFirst.Groups["year"].Success ? Int(dayFirst, "year") : todayLocal.Year;
            if (year < 100)
                year += 2000;
            (hour, minute) = (Int(dayFirst, "hour"), dayFirst.Groups["minute"].Success ? Int(dayFirst, "minute") : 0);
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59)
            return false;
        local = new DateTime(year, month, day, hour, minute, 0);
        if (dayFirst.Success && !dayFirst.Groups["year"].Success && local.Date < todayLocal.Date)
            local = local.AddYears(1);
        return true;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})\D+?(?<hour>\d{1,2})(?:[:.](?<minute>\d{2}))?")]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?<day>\d{1,2})[./-](?<month>\d{1,2})(?:[./-](?<year>\d{2,4}))?\D+?(?<hour>\d{1,2})(?:[:.](?<minute>\d{2}))?")]
    private static partial Regex DayFirst();
}

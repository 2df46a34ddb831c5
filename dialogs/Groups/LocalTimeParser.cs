using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// Reads a date and time the way people type them, in Danish and English: "19.3.2026 17:00", "1/12 kl. 17",
/// "tirsdag d. 1. december kl 17", "i morgen kl. 17", "på torsdag 18.30", "next Tuesday 5pm", "1 Dec 17:00",
/// "December 1 at 5.30 pm", "2026-03-19 17:00". A time is needed; a day without a year is the next one to come, a
/// weekday the next one after today.
/// </summary>
public static partial class LocalTimeParser
{
    private static readonly string[][] MonthNames =
    [
        ["januar", "january", "jan"], ["februar", "february", "feb"], ["marts", "march", "mar"], ["april", "apr"],
        ["maj", "may"], ["juni", "june", "jun"], ["juli", "july"], ["august", "aug"],
        ["september", "sept", "sep"], ["oktober", "october", "okt", "oct"], ["november", "nov"], ["december", "dec"],
    ];

    /// <summary>Day names and the short forms that are no other word ("man", "fri", "sat" and "sun" are).</summary>
    private static readonly string[][] DayNames =
    [
        ["mandag", "monday"], ["tirsdag", "tuesday", "tirs", "tue", "tues"], ["onsdag", "wednesday", "wed"],
        ["torsdag", "thursday", "tors", "thu", "thurs"], ["fredag", "friday"], ["lørdag", "saturday", "loerdag", "lordag"],
        ["søndag", "sunday", "soendag", "sondag"],
    ];

    public static bool TryParse(string text, DateTime todayLocal, out DateTime local)
    {
        local = default;
        var typed = Spaces().Replace(text.ToLowerInvariant().Replace('’', '\'').Trim(), " ");
        if (FindDate(typed, todayLocal.Date) is not { } found || ReadTime(typed.Remove(found.Index, found.Length)) is not { } time)
            return false;
        local = found.Date + time;
        return true;
    }

    /// <summary>The date the text names, and where it stands in the text (so the time is read from what is left).</summary>
    private static (DateTime Date, int Index, int Length)? FindDate(string typed, DateTime today)
    {
        return First(Iso(), typed, iso => Dated(Int(iso, "year"), Int(iso, "month"), Int(iso, "day"), today, iso))
            ?? First(DayThenMonthName(), typed, m => MonthOf(m.Groups["month"].Value) is { } month ? Dated(Year(m), month, Int(m, "day"), today, m) : null)
            ?? First(MonthNameThenDay(), typed, m => MonthOf(m.Groups["month"].Value) is { } month ? Dated(Year(m), month, Int(m, "day"), today, m) : null)
            // "14/12" and "1.12.2026" are dates even beside a weekday ("mandag d. 14/12"); "18.30" beside one is a time.
            ?? First(Numeric(), typed, m => m.Value.Contains('/') || m.Value.Contains('-') || m.Groups["year"].Success
                ? Dated(Year(m), Int(m, "month"), Int(m, "day"), today, m)
                : null)
            ?? First(Relative(), typed, m => (today.AddDays(m.Value switch
            {
                "i dag" or "idag" or "today" => 0,
                "i overmorgen" or "the day after tomorrow" => 2,
                _ => 1,
            }), m.Index, m.Length))
            ?? First(Weekday(), typed, m => DayOf(m.Groups["day"].Value) is { } day
                ? (today.AddDays(((int)day - (int)today.DayOfWeek + 6) % 7 + 1), m.Index, m.Length)
                : null)
            // Numbers only ("19.3.2026 17:00", "1/12 kl 17"): a day and month with a time before or after them.
            ?? First(Numeric(), typed, m => Dated(Year(m), Int(m, "month"), Int(m, "day"), today, m));
    }

    private static (DateTime Date, int Index, int Length)? First(Regex pattern, string typed, Func<Match, (DateTime, int, int)?> read)
    {
        foreach (Match match in pattern.Matches(typed))
        {
            if (read(match) is { } found)
                return found;
        }
        return null;
    }

    /// <summary>The date when it exists; without a year (<paramref name="year"/> 0) the next one from today.</summary>
    private static (DateTime, int, int)? Dated(int year, int month, int day, DateTime today, Match match)
    {
        var givenYear = year != 0;
        year = !givenYear ? today.Year : year < 100 ? year + 2000 : year;
        if (month is < 1 or > 12 || year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        var date = new DateTime(year, month, day);
        if (!givenYear && date < today)
        {
            if (day > DateTime.DaysInMonth(year + 1, month))
                return null;
            date = date.AddYears(1);
        }
        return (date, match.Index, match.Length);
    }

    /// <summary>"17", "kl. 17", "17:00", "17.30", "5pm", "5.30 pm", "at 5 p.m.": the time of day, or null. A time after "kl." or "at" comes first.</summary>
    private static TimeSpan? ReadTime(string rest)
    {
        if ((MarkedTime().Match(rest) is { Success: true } marked ? marked : Time().Match(rest)) is not { Success: true } time)
            return null;
        var hour = Int(time, "hour");
        var minute = time.Groups["minute"].Success ? Int(time, "minute") : 0;
        var half = time.Groups["half"].Value.Replace(".", "");
        if (half.Length > 0)
        {
            if (hour is < 1 or > 12)
                return null;
            hour = half == "pm" ? hour % 12 + 12 : hour % 12;
        }
        return hour > 23 || minute > 59 ? null : new TimeSpan(hour, minute, 0);
    }

    private static int Year(Match match) => match.Groups["year"].Success ? Int(match, "year") : 0;

    private static int? MonthOf(string name) =>
        Array.FindIndex(MonthNames, names => names.Contains(name.TrimEnd('.'))) is var index and >= 0 ? index + 1 : null;

    private static DayOfWeek? DayOf(string name) =>
        Array.FindIndex(DayNames, names => names.Contains(name)) is var index and >= 0 ? (DayOfWeek)((index + 1) % 7) : null;

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})")]
    private static partial Regex Iso();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?<month>[a-zæøå]{3,9}\.?)(?:\s+(?<year>\d{4}))?(?![a-zæøå])")]
    private static partial Regex DayThenMonthName();

    [GeneratedRegex(@"\b(?<month>[a-z]{3,9}\.?)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<year>\d{4}))?")]
    private static partial Regex MonthNameThenDay();

    [GeneratedRegex(@"\b(?:i overmorgen|i morgen|i dag|the day after tomorrow|tomorrow|today|imorgen|idag)\b")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:(?:på|paa|næste|naeste|kommende|on|next|this|coming)\s+)?(?<day>[a-zæøå]{3,9})\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<day>\d{1,2})[./-](?<month>\d{1,2})(?:[./-](?<year>\d{2,4}))?(?=\D+\d|\s*$)")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<![\d/.-])(?<hour>\d{1,2})(?:[:.](?<minute>\d{2}))?\s*(?<half>a\.?m\.?|p\.?m\.?)?(?![\d/])")]
    private static partial Regex Time();

    [GeneratedRegex(@"(?:\bkl\.?|\bklokken|\bat|@)\s*(?<hour>\d{1,2})(?:[:.](?<minute>\d{2}))?\s*(?<half>a\.?m\.?|p\.?m\.?)?(?![\d/])")]
    private static partial Regex MarkedTime();
}

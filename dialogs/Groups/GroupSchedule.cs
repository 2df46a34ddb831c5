namespace PeerBot.Dialogs.Groups;

/// <summary>
/// When things happen for a group, as pure functions of the group and the time. Sessions are weekly at session 1's
/// local time, in the group's time zone, so a session stays at 17:00 local across daylight-saving changes.
/// </summary>
public static class GroupSchedule
{
    /// <summary>The week's invitation goes out the day after each session, at this local time. Default: 10:00.</summary>
    public static readonly TimeOnly InvitationAtLocal = new(10, 0);

    /// <summary>When session <paramref name="number"/> (1-based) starts.</summary>
    public static DateTimeOffset SessionStartUtc(Group group, int number) =>
        ToUtc(group.FirstSessionLocal.AddDays(7 * (number - 1)), group.TimeZone);

    /// <summary>When the invitation after session <paramref name="number"/> is due: the next day, at 10:00 local.</summary>
    public static DateTimeOffset InvitationUtc(Group group, int number) =>
        ToUtc(group.FirstSessionLocal.Date.AddDays(7 * (number - 1) + 1).Add(InvitationAtLocal.ToTimeSpan()), group.TimeZone);

    /// <summary>The last session that has started by <paramref name="nowUtc"/>, or null before session 1.</summary>
    public static int? LatestSession(Group group, int sessionCount, DateTimeOffset nowUtc)
    {
        int? latest = null;
        for (var number = 1; number <= sessionCount && SessionStartUtc(group, number) <= nowUtc; number++)
            latest = number;
        return latest;
    }

    /// <summary>Codes work until the session after <see cref="Group.IntakeClosesAfterSession"/> starts.</summary>
    public static bool IsIntakeOpen(Group group, DateTimeOffset nowUtc) =>
        nowUtc < SessionStartUtc(group, group.IntakeClosesAfterSession + 1);

    /// <summary>An instant as the wall-clock time in a zone ("Europe/Copenhagen").</summary>
    public static DateTime ToLocal(DateTimeOffset utc, string timeZone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;

    /// <summary>
    /// A local wall-clock time in a zone as an instant. A time that does not exist (the clocks jump forward over it)
    /// is taken as the first minute after the jump; an ambiguous one (the clocks go back) as its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}

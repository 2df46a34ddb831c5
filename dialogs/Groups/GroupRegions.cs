using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Safety;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// The Danish regions a peer can choose for a group, so its members get their own region's acute psychiatric contact
/// first in a crisis reply; and the lookup of a member's region and of the groups they are in.
/// </summary>
public sealed class GroupRegions(IGroupDirectory groups, IReadOnlyDictionary<string, Course>? courses = null) : IMemberGroups
{
    private readonly IReadOnlyDictionary<string, Course> courses = courses ?? Course.LoadBuiltIn();

    /// <summary>The region ids, as <see cref="CrisisOptions.DanishRegions"/> names them, and "not-known".</summary>
    public static readonly string[] Choices = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland", NotKnown];

    public const string NotKnown = "not-known";

    /// <summary>The region id for a choice; null for "not known".</summary>
    public static string? FromChoice(string? choice) => choice is null or NotKnown ? null : choice;

    /// <summary>The region of the group the member joined last that has one; facilitators' groups count too.</summary>
    public async Task<string?> RegionOfAsync(MemberId member, CancellationToken cancellationToken)
    {
        var all = await groups.AllAsync(cancellationToken);
        return all
            .Select(g => (g.Region, Joined: g.Participants.Concat(g.Facilitators).Where(m => m.Member == member).Select(m => (DateTimeOffset?)m.JoinedAtUtc).Max()))
            .Where(g => g.Region is not null && g.Joined is not null)
            .OrderByDescending(g => g.Joined)
            .Select(g => g.Region)
            .FirstOrDefault();
    }

    public async Task<IReadOnlyList<Privacy.MemberGroup>> GroupsOfAsync(MemberId member, DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
    [
        .. (await groups.AllAsync(cancellationToken))
            .Where(g => g.Includes(member))
            .OrderBy(g => g.FirstSessionLocal)
            .Select(g => new Privacy.MemberGroup(g.Name, g.Facilitators.Any(f => f.Member == member), NextQuestionLocal(g, nowUtc),
                IsOnlyFacilitator: g.Facilitators is [var only] && only.Member == member)),
    ];

    /// <summary>When the group's next week's question goes out, in the group's own time; null after the last session.</summary>
    private DateTime? NextQuestionLocal(Group group, DateTimeOffset now)
    {
        var sessions = courses.TryGetValue(group.CourseId, out var course) ? course.Sessions.Count : 0;
        for (var session = 1; session <= sessions; session++)
        {
            var due = GroupSchedule.InvitationUtc(group, session);
            if (due > now)
                return GroupSchedule.ToLocal(due, group.TimeZone);
        }
        return null;
    }
}

using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>What the engine asks about a member's groups, wherever they are kept.</summary>
public interface IMemberGroups
{
    /// <summary>Which region's help lines the member gets first: the region of a group they are in, if its peers chose one.</summary>
    Task<string?> RegionOfAsync(MemberId member, CancellationToken cancellationToken);

    /// <summary>The groups the member is in, as a participant or one of its peers, with when each one's next question comes after <paramref name="nowUtc"/>.</summary>
    Task<IReadOnlyList<Privacy.MemberGroup>> GroupsOfAsync(MemberId member, DateTimeOffset nowUtc, CancellationToken cancellationToken);
}

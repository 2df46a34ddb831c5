namespace PeerBot.Dialogs.Groups;

/// <summary>Where groups are kept. The host implements it over its store; a group is saved whole, with a version check.</summary>
public interface IGroupDirectory
{
    Task<Group?> FindAsync(GroupId id, CancellationToken cancellationToken);

    /// <summary>The group whose join code or facilitator code this is.</summary>
    Task<Group?> FindByCodeAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a change a turn asked for: a new group with its codes, new codes (the old ones stop working), or a change
    /// to the stored group. Applying the same change again leaves everything as it is.
    /// </summary>
    Task ApplyAsync(GroupChange change, CancellationToken cancellationToken);

    /// <summary>Changes a group: the change is applied to the stored version, again if someone else changed it meanwhile.</summary>
    Task<Group?> UpdateAsync(GroupId id, Func<Group, Group> change, CancellationToken cancellationToken);

    /// <summary>Every group, for the scheduler.</summary>
    Task<IReadOnlyList<Group>> AllAsync(CancellationToken cancellationToken);
}

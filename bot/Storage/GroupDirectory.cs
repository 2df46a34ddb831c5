using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Dialogs.Groups;

namespace PeerBot.Bot.Storage;

/// <summary>
/// Groups in the store, encrypted like everything else people wrote (a group's name is a peer's words). Codes are
/// found through an index keyed by the code's hash, so the store holds no readable code.
/// </summary>
public sealed class GroupDirectory(IStore store, IDataProtectionProvider protection) : IGroupDirectory, IMemberDataStore
{
    private const int MaxAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("PeerBot.Group.v1");

    public async Task<Group?> FindAsync(GroupId id, CancellationToken cancellationToken) =>
        (await ReadAsync(id, cancellationToken)).Group;

    public async Task<Group?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        var index = await store.ReadAsync(CodeKey(code), cancellationToken);
        return index is null ? null : await FindAsync(new GroupId(index.Json), cancellationToken);
    }

    public Task ApplyAsync(GroupChange change, CancellationToken cancellationToken) => change switch
    {
        CreateGroup create => CreateAsync(create.New, cancellationToken),
        NewCodes codes => RenewCodesAsync(codes, cancellationToken),
        _ => UpdateAsync(change.Group, change.Apply, cancellationToken),
    };

    /// <summary>Stores the group and its codes; a group already stored under its id is the same one, stored before.</summary>
    private async Task CreateAsync(Group group, CancellationToken cancellationToken)
    {
        await store.TryWriteAsync(GroupKey(group.Id), Seal(group), null, cancellationToken);
        foreach (var code in new[] { group.JoinCode, group.FacilitatorCode })
            await IndexAsync(code, group.Id, cancellationToken);
    }

    /// <summary>The new codes are found first, the old ones forgotten, then the group holds the new ones; each step may run again.</summary>
    private async Task RenewCodesAsync(NewCodes change, CancellationToken cancellationToken)
    {
        if (await FindAsync(change.Group, cancellationToken) is not { } before)
            return;
        foreach (var code in new[] { change.JoinCode, change.FacilitatorCode })
            await IndexAsync(code, change.Group, cancellationToken);
        if (before.JoinCode == change.JoinCode && before.FacilitatorCode == change.FacilitatorCode)
            return;
        foreach (var code in new[] { before.JoinCode, before.FacilitatorCode })
            await store.DeleteAsync(CodeKey(code), cancellationToken);
        await UpdateAsync(change.Group, change.Apply, cancellationToken);
    }

    private async Task IndexAsync(string code, GroupId id, CancellationToken cancellationToken)
    {
        if (await store.TryWriteAsync(CodeKey(code), id.Value, null, cancellationToken) is null
            && (await store.ReadAsync(CodeKey(code), cancellationToken))?.Json != id.Value)
            throw new InvalidOperationException("A freshly drawn code belongs to another group; the turn draws again");
    }

    public async Task<Group?> UpdateAsync(GroupId id, Func<Group, Group> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (group, etag) = await ReadAsync(id, cancellationToken);
            if (group is null)
                return null;
            var changed = change(group);
            if (changed == group || await store.TryWriteAsync(GroupKey(id), Seal(changed), etag, cancellationToken) is not null)
                return changed;
        }
        throw new InvalidOperationException($"Group {id} kept changing under {MaxAttempts} attempts to update it");
    }

    public async Task<IReadOnlyList<Group>> AllAsync(CancellationToken cancellationToken)
    {
        var groups = new List<Group>();
        foreach (var key in await store.ListKeysAsync(GroupPrefix, cancellationToken))
        {
            if ((await ReadAsync(new GroupId(key[GroupPrefix.Length..]), cancellationToken)).Group is { } group)
                groups.Add(group);
        }
        return groups;
    }

    public string ExportName => "groups";

    /// <summary>The groups the member is in: name, role and when they joined; the other members and the codes are not theirs.</summary>
    public async Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken)
    {
        var mine = new JsonArray();
        foreach (var group in await AllAsync(cancellationToken))
        {
            foreach (var (role, members) in new[] { ("facilitator", group.Facilitators), ("participant", group.Participants) })
            {
                if (members.FirstOrDefault(m => m.Member == member.Member) is { } me)
                    mine.Add(new JsonObject { ["name"] = group.Name, ["role"] = role, ["joinedAtUtc"] = me.JoinedAtUtc });
            }
        }
        return mine.Count == 0 ? null : mine;
    }

    /// <summary>The member leaves every group they are in, and no week's count includes them any more.</summary>
    public async Task EraseAsync(MemberRef member, CancellationToken cancellationToken)
    {
        foreach (var group in await AllAsync(cancellationToken))
        {
            var change = new RemoveMember(group.Id, member.Member);
            if (change.Apply(group) != group)
                await UpdateAsync(group.Id, change.Apply, cancellationToken);
        }
    }

    private async Task<(Group? Group, string? ETag)> ReadAsync(GroupId id, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(GroupKey(id), cancellationToken);
        return item is null ? (null, null) : (JsonSerializer.Deserialize<Group>(protector.Unprotect(item.Json), Json), item.ETag);
    }

    private string Seal(Group group) => protector.Protect(JsonSerializer.Serialize(group, Json));

    private const string GroupPrefix = "groups/";

    private static string GroupKey(GroupId id) => GroupPrefix + id.Value;

    private static string CodeKey(string code) =>
        "group-codes/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Dialogs.Groups;

namespace PeerBot.Bot.Storage;

/// <summary>
/// Groups in the store, encrypted like everything else people wrote (a group's name is a peer's words). Codes are
/// found through an index keyed by the code's hash, so the store holds no readable code.
/// </summary>
public sealed class GroupDirectory(IStore store, IDataProtectionProvider protection) : IGroupDirectory
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

    public async Task CreateAsync(Group group, CancellationToken cancellationToken)
    {
        if (await store.TryWriteAsync(GroupKey(group.Id), Seal(group), null, cancellationToken) is null)
            throw new InvalidOperationException($"A group with id {group.Id} exists already");
        foreach (var code in new[] { group.JoinCode, group.FacilitatorCode })
        {
            if (await store.TryWriteAsync(CodeKey(code), group.Id.Value, null, cancellationToken) is null)
                throw new InvalidOperationException("A freshly drawn code is taken already; draw again");
        }
    }

    public async Task<Group?> RenewCodesAsync(GroupId id, CancellationToken cancellationToken)
    {
        var before = await FindAsync(id, cancellationToken);
        if (before is null)
            return null;
        var renewed = await UpdateAsync(id, g => g with { JoinCode = JoinCodes.New(), FacilitatorCode = JoinCodes.New() }, cancellationToken);
        foreach (var code in new[] { renewed!.JoinCode, renewed.FacilitatorCode })
            await store.TryWriteAsync(CodeKey(code), id.Value, null, cancellationToken);
        foreach (var code in new[] { before.JoinCode, before.FacilitatorCode })
            await store.DeleteAsync(CodeKey(code), cancellationToken);
        return renewed;
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

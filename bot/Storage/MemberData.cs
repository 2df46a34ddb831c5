using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Storage;

/// <summary>A member as the stores know them: their id, and the key of their 1:1 conversation with the bot.</summary>
public sealed record MemberRef(MemberId Member, string ConversationKey);

/// <summary>
/// A store that keeps something about a member. Every such store implements it and is registered as one, so that
/// "mine data", "slet mine data" and retention reach all of them through <see cref="MemberData"/>; a test holds every
/// class that writes to <see cref="IStore"/> to this.
/// </summary>
public interface IMemberDataStore
{
    /// <summary>The name of this store's part in the export's JSON.</summary>
    string ExportName { get; }

    /// <summary>What the store keeps about the member, as JSON; null when it keeps nothing.</summary>
    Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken);

    /// <summary>Removes everything the store keeps about the member; erasing what is gone already does nothing.</summary>
    Task EraseAsync(MemberRef member, CancellationToken cancellationToken);
}

/// <summary>
/// The one owner of a member's data: the export and the erasure go to every <see cref="IMemberDataStore"/> there is.
/// Used by the member's own "mine data" and "slet mine data", and by retention.
/// </summary>
public sealed class MemberData(IEnumerable<IMemberDataStore> stores)
{
    /// <summary>Indented, and with the member's letters as they wrote them ("blåbær", not "bl\u00E5b\u00E6r").</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IReadOnlyList<IMemberDataStore> Stores { get; } = [.. stores];

    /// <summary>The export's JSON with every store's part added under its name.</summary>
    public async Task<string> ExportAsync(string exportJson, MemberRef member, CancellationToken cancellationToken)
    {
        var document = JsonNode.Parse(exportJson)!.AsObject();
        foreach (var store in Stores)
            document[store.ExportName] = await store.ExportAsync(member, cancellationToken);
        return document.ToJsonString(Json);
    }

    public async Task EraseAsync(MemberRef member, CancellationToken cancellationToken)
    {
        foreach (var store in Stores)
            await store.EraseAsync(member, cancellationToken);
    }
}

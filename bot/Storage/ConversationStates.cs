using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Storage;

/// <summary>A conversation's state as read, with the version to write against.</summary>
public sealed record LoadedState(ConversationState State, string? ETag);

/// <summary>
/// Loads and saves each conversation's <see cref="ConversationState"/>. The stored document is encrypted with
/// ASP.NET Core Data Protection, since it holds what members wrote; the key ring lives beside the store.
/// </summary>
public sealed class ConversationStates(IStore store, IDataProtectionProvider protection)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("PeerBot.ConversationState.v1");

    public async Task<LoadedState> LoadAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Key(conversationKey), cancellationToken);
        if (item is null)
            return new LoadedState(ConversationState.New, null);
        var state = JsonSerializer.Deserialize<ConversationState>(protector.Unprotect(item.Json), Json) ?? ConversationState.New;
        return new LoadedState(state, item.ETag);
    }

    /// <summary>Saves when nobody else saved since <paramref name="loaded"/> was read; false on a conflict.</summary>
    public async Task<bool> TrySaveAsync(string conversationKey, LoadedState loaded, ConversationState state, CancellationToken cancellationToken)
    {
        var sealedJson = protector.Protect(JsonSerializer.Serialize(state, Json));
        return await store.TryWriteAsync(Key(conversationKey), sealedJson, loaded.ETag, cancellationToken) is not null;
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken) =>
        store.DeleteAsync(Key(conversationKey), cancellationToken);

    private static string Key(string conversationKey) => "state/" + conversationKey;
}

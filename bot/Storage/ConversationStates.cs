using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Bot.Delivery;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;

namespace PeerBot.Bot.Storage;

/// <summary>
/// Everything kept for one conversation, in one stored document so that a turn writes it at once: the member's state,
/// the ids of the latest turns (a turn delivered again, to any instance, is recognised), the group changes of the
/// latest turn (<see cref="ChangesTurn"/>) until they are known to be made, and the replies not yet delivered.
/// <see cref="Erased"/>: the member asked for everything to go; the document is deleted once the last reply is out.
/// </summary>
public sealed record ConversationDocument(
    ConversationState State,
    ImmutableList<string> RecentTurns,
    ImmutableList<GroupChange> Changes,
    ImmutableList<OutboxItem> Outbox,
    bool Erased = false,
    string? ChangesTurn = null)
{
    /// <summary>How many turn ids are kept: Teams delivers a slow request again within seconds, not dozens of turns later.</summary>
    public const int RecentTurnCount = 50;

    public static ConversationDocument New { get; } = new(ConversationState.New, [], [], []);

    public bool HasRun(string? turnId) => turnId is not null && RecentTurns.Contains(turnId);

    public ConversationDocument WithTurn(string? turnId) => turnId is null ? this : this with
    {
        RecentTurns = RecentTurns.Count < RecentTurnCount ? RecentTurns.Add(turnId) : RecentTurns.RemoveAt(0).Add(turnId),
    };
}

/// <summary>A conversation's document as read, with the version to write against.</summary>
public sealed record LoadedState(ConversationDocument Document, string? ETag)
{
    public ConversationState State => Document.State;
}

/// <summary>
/// Loads and saves each conversation's <see cref="ConversationDocument"/>. It is encrypted with ASP.NET Core Data
/// Protection, since it holds what members wrote; the key ring lives beside the store.
/// </summary>
public sealed class ConversationStates(IStore store, IDataProtectionProvider protection) : IMemberDataStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("PeerBot.ConversationState.v1");

    public async Task<LoadedState> LoadAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Key(conversationKey), cancellationToken);
        return item is null ? new LoadedState(ConversationDocument.New, null) : new LoadedState(Read(protector.Unprotect(item.Json)), item.ETag);
    }

    /// <summary>Saves when nobody else saved since <paramref name="loaded"/> was read; null on a conflict, else the saved version.</summary>
    public async Task<LoadedState?> TrySaveAsync(string conversationKey, LoadedState loaded, ConversationDocument document, CancellationToken cancellationToken)
    {
        var sealedJson = protector.Protect(JsonSerializer.Serialize(document, Json));
        return await store.TryWriteAsync(Key(conversationKey), sealedJson, loaded.ETag, hasWork: !document.Outbox.IsEmpty, cancellationToken) is { } etag
            ? new LoadedState(document, etag)
            : null;
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken) =>
        store.DeleteAsync(Key(conversationKey), cancellationToken);

    public string ExportName => "state";

    public async Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken) =>
        (await LoadAsync(member.ConversationKey, cancellationToken)).Document is var document && document == ConversationDocument.New
            ? null
            : JsonSerializer.SerializeToNode(document.State, Json);

    /// <summary>
    /// The member's state goes at once. Replies still on their way (the one saying everything is deleted) stay in an
    /// otherwise empty document, which the outbox deletes once they are out.
    /// </summary>
    public async Task EraseAsync(MemberRef member, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var loaded = await LoadAsync(member.ConversationKey, cancellationToken);
            if (loaded.Document.Outbox.IsEmpty)
            {
                await DeleteAsync(member.ConversationKey, cancellationToken);
                return;
            }
            var emptied = ConversationDocument.New with { Outbox = loaded.Document.Outbox, Erased = true };
            if (loaded.Document == emptied || await TrySaveAsync(member.ConversationKey, loaded, emptied, cancellationToken) is not null)
                return;
        }
        throw new InvalidOperationException("The conversation kept changing while its data was being erased");
    }

    /// <summary>The conversations whose outbox held messages when they were last saved.</summary>
    public async Task<IReadOnlyList<string>> WithMessagesWaitingAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListWithWorkAsync(Prefix, cancellationToken)).Select(key => key[Prefix.Length..])];

    /// <summary>A document, or the bare state that versions before the outbox stored.</summary>
    private static ConversationDocument Read(string json)
    {
        var document = JsonSerializer.Deserialize<ConversationDocument>(json, Json);
        return document?.State is not null
            ? document
            : ConversationDocument.New with { State = JsonSerializer.Deserialize<ConversationState>(json, Json) ?? ConversationState.New };
    }

    private const string Prefix = "state/";

    private static string Key(string conversationKey) => Prefix + conversationKey;
}

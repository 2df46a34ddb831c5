using PeerBot.Bot.Hosting;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Storage;

namespace PeerBot.Bot.Teams;

/// <summary>
/// What the bot keeps about a conversation: how to reach it, whether it said welcome, whether it is still installed,
/// when the member last wrote (to the day), and whether the retention notice has gone out.
/// </summary>
public sealed record ConversationRecord(
    ConversationReference Reference,
    DateTimeOffset? WelcomedAtUtc,
    bool IsUninstalled,
    DateTimeOffset? LastActiveUtc = null,
    DateTimeOffset? RetentionNoticeSentUtc = null);

/// <summary>
/// Keeps an up-to-date <see cref="ConversationReference"/> for every conversation, for later proactive messages.
/// Writes only when something changed, and with the store's version check, so two racing install events (Teams
/// sends both conversationUpdate and installationUpdate) give exactly one welcome.
/// </summary>
public sealed class ConversationRecords(IStore store, [FromKeyedServices(ProductClock.Key)] TimeProvider time) : IMemberDataStore
{
    private const int MaxAttempts = 8;

    public Task<ConversationRecord?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        FindAsync(ConversationKey(channelId, conversationId), cancellationToken);

    /// <param name="conversationKey">"&lt;channel&gt;/&lt;conversation id&gt;", as the turn runner names conversations</param>
    /// <param name="cancellationToken">cancels the read</param>
    public async Task<ConversationRecord?> FindAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Prefix + conversationKey, cancellationToken);
        return item is null ? null : JsonSerializer.Deserialize<ConversationRecord>(item.Json, WireJson.Options);
    }

    /// <summary>Deletes the record: the member asked for everything to go, or retention ran out.</summary>
    public Task ForgetAsync(string conversationKey, CancellationToken cancellationToken) =>
        store.DeleteAsync(Prefix + conversationKey, cancellationToken);

    public static string ConversationKey(string channelId, string conversationId) => $"{channelId}/{conversationId}";

    public string ExportName => "conversationRecord";

    public async Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken) =>
        await FindAsync(member.ConversationKey, cancellationToken) is { } record ? JsonSerializer.SerializeToNode(record, WireJson.Options) : null;

    public Task EraseAsync(MemberRef member, CancellationToken cancellationToken) => ForgetAsync(member.ConversationKey, cancellationToken);

    /// <summary>
    /// Stores the reference (a member who writes again after removing the bot is reachable again); returns true when
    /// this call is the one that should say welcome.
    /// </summary>
    public async Task<bool> RememberAsync(ConversationReference reference, bool isInstall, CancellationToken cancellationToken)
    {
        var welcome = false;
        var now = time.GetUtcNow();
        await UpdateAsync(reference.ChannelId, reference.ConversationId, current =>
        {
            welcome = isInstall && current?.WelcomedAtUtc is null;
            // Activity is kept to the day, so a busy conversation is not rewritten on every message.
            var lastActive = current?.LastActiveUtc is { } seen && now - seen < TimeSpan.FromDays(1) ? seen : now;
            return new ConversationRecord(
                reference,
                welcome ? now : current?.WelcomedAtUtc,
                IsUninstalled: false,
                LastActiveUtc: lastActive,
                RetentionNoticeSentUtc: lastActive == current?.LastActiveUtc ? current.RetentionNoticeSentUtc : null);
        }, cancellationToken);
        return welcome;
    }

    /// <summary>The bot was removed: nothing is sent here until it is installed again.</summary>
    public Task MarkUninstalledAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        UpdateAsync(reference.ChannelId, reference.ConversationId,
            current => new ConversationRecord(reference, WelcomedAtUtc: null, IsUninstalled: true, current?.LastActiveUtc ?? time.GetUtcNow()), cancellationToken);

    /// <summary>The connector refused a message for good (the member blocked or removed the app): nothing is sent here until they write again.</summary>
    public Task MarkUnreachableAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var separator = conversationKey.IndexOf('/', StringComparison.Ordinal);
        return UpdateAsync(conversationKey[..separator], conversationKey[(separator + 1)..],
            current => current is null ? null : current with { WelcomedAtUtc = null, IsUninstalled = true }, cancellationToken);
    }

    /// <summary>Every conversation key the bot keeps a record for.</summary>
    public async Task<IReadOnlyList<string>> ConversationKeysAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListKeysAsync(Prefix, cancellationToken)).Select(key => key[Prefix.Length..])];

    /// <summary>Notes that the retention notice went out, so it goes out once.</summary>
    public Task MarkNoticeSentAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var separator = conversationKey.IndexOf('/', StringComparison.Ordinal);
        return UpdateAsync(conversationKey[..separator], conversationKey[(separator + 1)..],
            current => current is null ? null : current with { RetentionNoticeSentUtc = time.GetUtcNow() }, cancellationToken);
    }

    private async Task UpdateAsync(
        string channelId, string conversationId, Func<ConversationRecord?, ConversationRecord?> change, CancellationToken cancellationToken)
    {
        var key = Key(channelId, conversationId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var item = await store.ReadAsync(key, cancellationToken);
            var current = item is null ? null : JsonSerializer.Deserialize<ConversationRecord>(item.Json, WireJson.Options);
            var updated = change(current);
            if (updated is null || updated == current)
                return;
            if (await store.TryWriteAsync(key, JsonSerializer.Serialize(updated, WireJson.Options), item?.ETag, cancellationToken) is not null)
                return;
        }
        throw new InvalidOperationException($"Conversation record kept changing under {MaxAttempts} attempts to update it");
    }

    private const string Prefix = "conversations/";

    private static string Key(string channelId, string conversationId) => Prefix + ConversationKey(channelId, conversationId);
}

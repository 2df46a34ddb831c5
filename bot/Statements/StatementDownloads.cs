using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Statements;

namespace PeerBot.Bot.Statements;

/// <summary>
/// Download links for printed statements: GET /statements/{token}. A token is 32 random bytes, stored only as its
/// hash; it serves the one statement version it was made for, printed fresh from that member's state, until it
/// expires (default 24 hours) or the statement or the member's data is deleted.
/// </summary>
public sealed class StatementDownloads(
    IStore store,
    ConversationStates states,
    ContentCatalog content,
    IOptions<PeerBotOptions> options,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time) : IMemberDataStore
{
    private const string Prefix = "downloads/";

    private sealed record Grant(string ConversationKey, int Number, string Language, DateTimeOffset ExpiresUtc);

    /// <summary>A new link to that version, or null when no public address is configured.</summary>
    public async Task<string?> CreateLinkAsync(string conversationKey, int number, string language, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicUrl))
            return null;
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var grant = new Grant(conversationKey, number, language, time.GetUtcNow() + options.Value.DownloadLinksLastFor);
        await store.TryWriteAsync(Key(token), JsonSerializer.Serialize(grant), null, cancellationToken);
        return $"{options.Value.PublicUrl.TrimEnd('/')}/statements/{token}";
    }

    /// <summary>The printed statement the token stands for, or null (unknown, expired, or deleted since).</summary>
    public async Task<(byte[] Pdf, int Number)?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Key(token), cancellationToken);
        if (item is null || JsonSerializer.Deserialize<Grant>(item.Json) is not { } grant)
            return null;
        if (time.GetUtcNow() >= grant.ExpiresUtc)
        {
            await store.DeleteAsync(Key(token), cancellationToken);
            return null;
        }
        var statement = (await states.LoadAsync(grant.ConversationKey, cancellationToken)).State.Statements.FirstOrDefault(s => s.Number == grant.Number);
        if (statement is null)
            return null;
        var sheet = PersonalStatementDialog.SheetOf(statement, grant.Language,
            lineId => content.Line(new LineRef(PersonalStatementDialog.DialogId.Value, lineId), grant.Language));
        return StatementPdf.Print(sheet).Pdf is { } pdf ? (pdf, statement.Number) : null;
    }

    public string ExportName => "downloadLinks";

    /// <summary>The member's links that still work: which statement version each serves, and until when (never the token).</summary>
    public async Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken)
    {
        var links = new JsonArray();
        foreach (var key in await store.ListKeysAsync(Prefix, cancellationToken))
        {
            if (await store.ReadAsync(key, cancellationToken) is { } item && JsonSerializer.Deserialize<Grant>(item.Json) is { } grant
                && grant.ConversationKey == member.ConversationKey && time.GetUtcNow() < grant.ExpiresUtc)
                links.Add(new JsonObject { ["statement"] = grant.Number, ["language"] = grant.Language, ["expiresUtc"] = grant.ExpiresUtc });
        }
        return links.Count == 0 ? null : links;
    }

    public Task EraseAsync(MemberRef member, CancellationToken cancellationToken) => ForgetAsync(member.ConversationKey, cancellationToken);

    /// <summary>Removes every link of a conversation whose data is being deleted, and any that expired.</summary>
    public async Task ForgetAsync(string conversationKey, CancellationToken cancellationToken)
    {
        foreach (var key in await store.ListKeysAsync(Prefix, cancellationToken))
        {
            var item = await store.ReadAsync(key, cancellationToken);
            if (item is null || JsonSerializer.Deserialize<Grant>(item.Json) is not { } grant)
                continue;
            if (grant.ConversationKey == conversationKey || time.GetUtcNow() >= grant.ExpiresUtc)
                await store.DeleteAsync(key, cancellationToken);
        }
    }

    private static string Key(string token) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Text.Json;
using PeerBot.Bot.Protocol;

namespace PeerBot.Bot.Delivery;

/// <summary>
/// A message on its way to a conversation, kept in the conversation's document until the connector took it.
/// <see cref="Activity"/> is the JSON as it will be posted. Two times govern it: <see cref="HeldUntilUtc"/>, until
/// when the instance <see cref="HeldBy"/> (the one whose turn made it, or that took it from the outbox) has it to
/// itself, and <see cref="NextTryUtc"/>, when it may be tried (again). Neither is ever the other's.
/// </summary>
/// <param name="Id">"&lt;turn id&gt;#&lt;n&gt;": unique in the conversation</param>
/// <param name="LineId">the content line it says, for the log</param>
/// <param name="ServiceUrl">the connector of the conversation</param>
/// <param name="ConversationId">the conversation it goes to</param>
/// <param name="ReplyToId">the member's message it answers; null for a message the bot starts</param>
/// <param name="TenantId">the tenant, whose rate limit it counts against</param>
/// <param name="IsProactive">started by the bot (a weekly invitation): a 403 or 404 means the member removed the app</param>
/// <param name="Activity">the activity's JSON</param>
/// <param name="CreatedUtc">when the turn made it</param>
/// <param name="NextTryUtc">when it may be tried: at once when made, later after a failed try</param>
/// <param name="HeldBy">the instance that has it to itself until <paramref name="HeldUntilUtc"/></param>
/// <param name="HeldUntilUtc">after this, any instance may take it</param>
/// <param name="Attempts">failed tries so far</param>
public sealed record OutboxItem(
    string Id,
    string LineId,
    string ServiceUrl,
    string ConversationId,
    string? ReplyToId,
    string? TenantId,
    bool IsProactive,
    string Activity,
    DateTimeOffset CreatedUtc,
    DateTimeOffset NextTryUtc,
    string? HeldBy = null,
    DateTimeOffset HeldUntilUtc = default,
    int Attempts = 0)
{
    /// <summary>Held by another instance, which may be sending it right now.</summary>
    public bool IsHeldByOtherThan(string instance, DateTimeOffset now) => HeldBy is not null && HeldBy != instance && HeldUntilUtc > now;

    /// <summary>A message for an outgoing activity, to its conversation (as a reply when it has a replyToId); the turn runner gives it its id and times.</summary>
    public static OutboxItem For(string lineId, Activity activity, string serviceUrl, string? tenantId, bool isProactive) =>
        new("", lineId, serviceUrl, activity.Conversation?.Id ?? "", activity.ReplyToId, tenantId, isProactive,
            JsonSerializer.Serialize(activity, WireJson.Options), default, default);
}

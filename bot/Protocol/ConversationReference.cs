namespace PeerBot.Bot.Protocol;

/// <summary>
/// What is needed to write to a conversation later, unprompted (protocol.md §4.3): re-stored whenever an inbound
/// activity shows a change, since the serviceUrl can move.
/// </summary>
public sealed record ConversationReference(
    string ChannelId,
    string ServiceUrl,
    string ConversationId,
    string ConversationType,
    string? TenantId,
    string? UserId,
    string? UserAadObjectId,
    string BotId,
    string? Locale);

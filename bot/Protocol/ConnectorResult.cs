namespace PeerBot.Bot.Protocol;

/// <summary>How a call to the Bot Connector ended, classified as in protocol.md §5.</summary>
public enum ConnectorOutcome
{
    /// <summary>Accepted (2xx).</summary>
    Done,
    /// <summary>The member blocked the bot, or an admin disabled it: stop until they write again.</summary>
    Blocked,
    /// <summary>The bot is no longer installed in the conversation.</summary>
    NotInstalled,
    /// <summary>The conversation is gone (for a 1:1 chat, it can be created again).</summary>
    ConversationNotFound,
    /// <summary>The message to update or delete is gone.</summary>
    ActivityNotFound,
    /// <summary>Still 412/429/502/503/504 after the last retry, 500 or 408, or no answer at all: worth trying again later.</summary>
    Unavailable,
    /// <summary>Refused for another reason (bad request, bad credentials, ...): retrying will not help.</summary>
    Failed,
}

/// <summary>The outcome, the HTTP status and the connector's error code; <see cref="Id"/> is the new activity or conversation id.</summary>
public sealed record ConnectorResult(ConnectorOutcome Outcome, int Status, string? ErrorCode, string? Id)
{
    public bool Succeeded => Outcome == ConnectorOutcome.Done;

    /// <summary>The connector's Retry-After, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>No answer came (the connection broke or timed out): the message may have arrived or not.</summary>
    public bool IsAmbiguous { get; init; }
}

namespace PeerBot.Dialogs.Conversations;

/// <summary>A member as the channel knows them (in Teams the per-bot "29:" id).</summary>
public readonly record struct MemberId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>One conversation with the bot: a 1:1 chat, a group chat or a channel. Opaque: the host's key for it.</summary>
public readonly record struct ConversationId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A dialog's id, kebab-case; also the name of its content files (&lt;id&gt;.&lt;language&gt;.json).</summary>
public readonly record struct DialogId(string Value)
{
    public override string ToString() => Value;
}

namespace PeerBot.Dialogs.Conversations;

/// <summary>Where a turn happens. Personal questions are kept for <see cref="Personal"/> chats.</summary>
public enum Place { Personal, GroupChat, Channel }

/// <summary>What the member did.</summary>
public enum TurnKind
{
    /// <summary>Wrote a message; <see cref="Turn.Text"/> holds it.</summary>
    Message,
    /// <summary>Picked one of the bot's choices (a button or a number); <see cref="Turn.Choice"/> holds its id.</summary>
    Choice,
    /// <summary>Installed the bot, or added it to a chat.</summary>
    Installed,
    /// <summary>
    /// Not the member: the bot's schedule starts a dialog (the weekly invitation). <see cref="Turn.Choice"/> holds
    /// "&lt;dialog id&gt;|&lt;what it is about&gt;".
    /// </summary>
    Scheduled,
}

/// <summary>One turn of a member, in the product's own words: no channel, activity or token types.</summary>
/// <param name="Member">who wrote</param>
/// <param name="Conversation">where the replies go</param>
/// <param name="Place">personal chat, group chat or channel</param>
/// <param name="Language">"da" or "en"</param>
/// <param name="Kind">what the member did</param>
/// <param name="Text">the message, with any mention of the bot removed; null unless <see cref="TurnKind.Message"/></param>
/// <param name="Choice">the id of a picked choice; null unless <see cref="TurnKind.Choice"/></param>
/// <param name="AtUtc">when the turn arrived</param>
/// <param name="TypedInCard">text the member typed into a card's fields along with a choice; only the crisis check reads it</param>
/// <param name="Id">the same for every delivery of this turn, and no other turn's (the activity id, or the schedule's own); what a turn creates takes its id from it</param>
public sealed record Turn(
    MemberId Member,
    ConversationId Conversation,
    Place Place,
    string Language,
    TurnKind Kind,
    MemberText? Text,
    string? Choice,
    DateTimeOffset AtUtc,
    MemberText? TypedInCard = null,
    string? Id = null);

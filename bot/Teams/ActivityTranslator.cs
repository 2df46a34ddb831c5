using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Protocol;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Statements;

namespace PeerBot.Bot.Teams;

/// <summary>
/// The one place that sees both worlds: a Teams activity becomes the dialogs' <see cref="Turn"/>, and a
/// <see cref="Reply"/> becomes an activity (text, or an Adaptive Card 1.5 with buttons).
/// </summary>
public static class ActivityTranslator
{
    /// <summary>The name of the value a card button sends back: {"choice": "&lt;id&gt;"}.</summary>
    public const string ChoiceField = "choice";

    public static Turn ToTurn(Activity activity, TurnKind kind, DateTimeOffset nowUtc)
    {
        var choice = kind == TurnKind.Choice ? ChoiceOf(activity) : null;
        var text = kind == TurnKind.Message ? new MemberText(TextWithoutBotMention(activity)) : null;
        return new Turn(
            new MemberId(activity.From?.Id ?? ""),
            // The product's conversation id is the host's key for it, so a dialog can hand it back for later messages.
            new ConversationId(ConversationRecords.ConversationKey(activity.ChannelId ?? "", activity.Conversation?.Id ?? "")),
            PlaceOf(activity.Conversation),
            Languages.FromLocale(activity.EffectiveLocale),
            kind,
            text,
            choice,
            nowUtc,
            kind == TurnKind.Choice && TypedInCard(activity) is { } typed ? new MemberText(typed) : null,
            string.IsNullOrEmpty(activity.Id) ? null : activity.Id);
    }

    /// <summary>
    /// What a member typed into a card's text fields (every string in the card's data but the choice), so that crisis
    /// language reaches the crisis check wherever it is written; null when there is none.
    /// </summary>
    public static string? TypedInCard(Activity activity)
    {
        if (CardData(activity) is not { } value)
            return null;
        var typed = value.EnumerateObject()
            .Where(p => p.Name != ChoiceField && p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()))
            .Select(p => p.Value.GetString()!.Trim())
            .ToList();
        return typed.Count == 0 ? null : string.Join("\n", typed);
    }

    /// <summary>The choice id in a card's data.</summary>
    public static string? ChoiceOf(Activity activity) =>
        CardData(activity) is { } value && value.TryGetProperty(ChoiceField, out var choice) && choice.ValueKind == JsonValueKind.String
            ? choice.GetString()
            : null;

    /// <summary>A card's data: Action.Submit puts it in value, Action.Execute in value.action.data; null without one.</summary>
    private static JsonElement? CardData(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
            return null;
        return value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object &&
            action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : value;
    }

    public static Place PlaceOf(ConversationAccount? conversation) => conversation?.ConversationType switch
    {
        "personal" => Place.Personal,
        "groupChat" => Place.GroupChat,
        "channel" => Place.Channel,
        _ => conversation?.IsGroup == true ? Place.GroupChat : Place.Personal,
    };

    /// <summary>Removes "&lt;at&gt;Bot&lt;/at&gt;" mentions of the bot itself from the text (protocol.md §6.3).</summary>
    public static string TextWithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.Entities ?? [])
        {
            if (mention.Type != "mention" || mention.Mentioned?.Id is null || mention.Mentioned.Id != activity.Recipient?.Id)
                continue;
            var tag = mention.Text ?? $"<at>{mention.Mentioned.Name}</at>";
            text = text.Replace(tag, "", StringComparison.OrdinalIgnoreCase);
        }
        return text.Trim();
    }

    public static ConversationReference ReferenceOf(Activity activity) => new(
        activity.ChannelId ?? "",
        activity.ServiceUrl ?? "",
        activity.Conversation?.Id ?? "",
        activity.Conversation?.ConversationType ?? (activity.Conversation?.IsGroup == true ? "groupChat" : "personal"),
        activity.TenantId,
        activity.From?.Id,
        activity.From?.AadObjectId,
        activity.Recipient?.Id ?? "",
        activity.EffectiveLocale);

    /// <summary>The reply as an activity in the same conversation, from the bot to the member (protocol.md §1.5).</summary>
    /// <param name="reply">what the bot says</param>
    /// <param name="inbound">the activity it answers</param>
    /// <param name="downloadUrl">for a statement: the link to its printed sheet, when there is one</param>
    public static Activity ToActivity(Reply reply, Activity inbound, string? downloadUrl = null) =>
        Compose(reply, inbound.ChannelId, inbound.Conversation?.Id, inbound.Recipient, inbound.From, inbound.Locale,
            replyToId: inbound.Type == ActivityTypes.Message ? inbound.Id : null, downloadUrl);

    /// <summary>A message the bot starts itself, in a conversation it keeps a reference for.</summary>
    public static Activity ToProactiveActivity(Reply reply, ConversationReference reference) =>
        Compose(reply, reference.ChannelId, reference.ConversationId, new ChannelAccount { Id = reference.BotId },
            reference.UserId is null ? null : new ChannelAccount { Id = reference.UserId }, reference.Locale, replyToId: null, downloadUrl: null);

    private static Activity Compose(
        Reply reply, string? channelId, string? conversationId, ChannelAccount? bot, ChannelAccount? member, string? locale, string? replyToId,
        string? downloadUrl)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = channelId,
            From = new ChannelAccount { Id = bot?.Id, Name = bot?.Name },
            Recipient = member is null ? null : new ChannelAccount { Id = member.Id, Name = member.Name },
            Conversation = new ConversationAccount { Id = conversationId },
            ReplyToId = replyToId,
            Locale = locale,
        };
        switch (reply)
        {
            case ChoiceReply choice:
                activity.Attachments = [Card(choice.Text, choice.Choices.Select(SubmitAction))];
                break;
            case PrivateChatInvitation invitation when bot?.Id is { Length: > 0 } botId:
                activity.Attachments = [Card(invitation.Text, [OpenPrivateChatAction(invitation.OpenChatLabel, botId)])];
                break;
            case StatementReply statement:
                activity.Attachments = [StatementCard(statement, downloadUrl)];
                break;
            case DataExport export:
                activity.Text = $"{export.Text}\n\n```json\n{export.Json}\n```";
                break;
            default:
                activity.Text = reply.Text;
                break;
        }
        return activity;
    }

    private static Attachment Card(string text, IEnumerable<JsonObject> actions) => new()
    {
        ContentType = "application/vnd.microsoft.card.adaptive",
        Content = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
            ["actions"] = new JsonArray([.. actions]),
        },
    };

    /// <summary>A statement as an Adaptive Card 1.5: the title, the meeting and date, each heading with the member's words.</summary>
    private static Attachment StatementCard(StatementReply statement, string? downloadUrl)
    {
        var sheet = statement.Sheet;
        var body = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = sheet.Title, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = sheet.Meeting is null ? sheet.Date : $"{sheet.Meeting} · {sheet.Date}", ["isSubtle"] = true, ["wrap"] = true });
        // A part the member skipped is left off the sheet.
        foreach (var section in sheet.Sections.Where(s => s.Words.Length > 0))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = section.Heading, ["weight"] = "Bolder", ["spacing"] = "Medium", ["wrap"] = true });
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = section.Words, ["wrap"] = true });
        }
        var card = new Attachment
        {
            ContentType = "application/vnd.microsoft.card.adaptive",
            Content = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = body,
            },
        };
        if (downloadUrl is not null)
            card.Content["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = statement.DownloadLabel, ["url"] = downloadUrl });
        return card;
    }

    private static JsonObject SubmitAction(Choice choice) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = choice.Label,
        ["data"] = new JsonObject { [ChoiceField] = choice.Id },
    };

    // Teams' deep link that opens the 1:1 chat with a bot, addressed by its "28:<app id>" account.
    private static JsonObject OpenPrivateChatAction(string label, string botId) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = label,
        ["url"] = $"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(botId)}",
    };
}

using System.Text.Json.Nodes;

namespace PeerBot.Tests.Support;

/// <summary>Teams-shaped activities after protocol.md's test vectors (TV1–TV4), pointed at a given serviceUrl.</summary>
public static class TestActivities
{
    public const string AppId = "6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f";
    public const string BotId = "28:" + AppId;
    public const string TenantId = "3c2d1e0f-aaaa-4bbb-8ccc-1234567890ab";
    public const string UserId = "29:1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-xyz";
    public const string PersonalConversationId = "a:1Xy9QwErTyUiOpAsDfGhJkLzXcVbNm0123456789PersonalChatId";
    public const string ChannelConversationId = "19:4f3e2d1c0b9a48776655443322110099@thread.tacv2;messageid=1767261900000";

    private static int counter;

    public static string NewId() => $"17672616{Interlocked.Increment(ref counter):D5}";

    public static JsonObject Message(string serviceUrl, string? text, string locale = "da-DK", string conversationId = PersonalConversationId,
        string conversationType = "personal", string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? NewId(),
        ["timestamp"] = "2026-01-01T10:00:00.123Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ada Lovelace", ["aadObjectId"] = "9b8a7c6d-1111-4222-8333-444455556666" },
        ["conversation"] = new JsonObject { ["conversationType"] = conversationType, ["tenantId"] = TenantId, ["id"] = conversationId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["locale"] = locale,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    /// <summary>A card button click (Action.Submit): a message with a value and no text.</summary>
    public static JsonObject Submit(string serviceUrl, string choice, string locale = "da-DK")
    {
        var activity = Message(serviceUrl, null, locale);
        activity.Remove("text");
        activity["replyToId"] = "1767261950789";
        activity["value"] = new JsonObject { ["choice"] = choice };
        return activity;
    }

    public static JsonObject CardActionInvoke(string serviceUrl, string? choice, string name = "adaptiveCard/action")
    {
        var activity = Message(serviceUrl, null);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = name;
        activity["id"] = "f:" + Guid.NewGuid();
        if (choice is not null)
        {
            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pick", ["data"] = new JsonObject { ["choice"] = choice } },
                ["trigger"] = "manual",
            };
        }
        return activity;
    }

    public static JsonObject PersonalInstallConversationUpdate(string serviceUrl, string conversationId = PersonalConversationId)
    {
        var activity = Message(serviceUrl, null, conversationId: conversationId);
        activity.Remove("text");
        activity.Remove("locale");
        activity["type"] = "conversationUpdate";
        activity["id"] = "f:" + Guid.NewGuid();
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId }, new JsonObject { ["id"] = UserId });
        return activity;
    }

    public static JsonObject InstallationUpdate(string serviceUrl, string action = "add", string conversationId = PersonalConversationId, string locale = "da-DK")
    {
        var activity = Message(serviceUrl, null, locale, conversationId: conversationId);
        activity.Remove("text");
        activity["type"] = "installationUpdate";
        activity["id"] = "f:" + Guid.NewGuid();
        activity["action"] = action;
        return activity;
    }
}

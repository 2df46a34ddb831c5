namespace PeerBot.Bot.Protocol;

/// <summary>The synchronous answer to an invoke activity: written as the HTTP status and JSON body (protocol.md §2.2).</summary>
public sealed record InvokeResponse(int Status, object? Body)
{
    public static InvokeResponse NotImplemented { get; } = new(StatusCodes.Status501NotImplemented, null);

    /// <summary>An Adaptive Card action answered with a short message (protocol.md §6.4).</summary>
    public static InvokeResponse CardActionMessage(string text) =>
        new(StatusCodes.Status200OK, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = text });

    public static InvokeResponse CardActionError(int status, string code, string message) =>
        new(status, new { statusCode = status, type = "application/vnd.microsoft.error", value = new { code, message } });
}

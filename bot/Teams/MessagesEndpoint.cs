using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;

namespace PeerBot.Bot.Teams;

/// <summary>
/// POST /api/messages (protocol.md §2): 413 above the size limit, 400 for a body that is not an activity, 401 when
/// the token does not check out, then the turn: 200 with an empty body, or for an invoke its own status and body.
/// Other methods get 405 from routing.
/// </summary>
public static partial class MessagesEndpoint
{
    public static IEndpointRouteBuilder MapMessagesEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(
        HttpContext context,
        InboundAuth auth,
        ActivityRouter router,
        IOptions<PeerBotOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MessagesEndpoint));
        var started = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            Log.Refused(logger, StatusCodes.Status413PayloadTooLarge, "body too large");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var (activity, problem) = Parse(body);
        if (activity is null)
        {
            Log.Refused(logger, StatusCodes.Status400BadRequest, problem!);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "BadArgument", message = problem } });
            return;
        }

        var authResult = await auth.AuthenticateAsync(context.Request.Headers.Authorization, activity, context.RequestAborted);
        if (!authResult.IsAuthenticated)
        {
            Log.Refused(logger, StatusCodes.Status401Unauthorized, authResult.Failure!);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ChannelId"] = activity.ChannelId,
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityId"] = activity.Id,
        });
        // A turn delivered again is recognised by the turn runner, from the ids saved with the conversation's state.
        var response = await router.HandleAsync(activity, CancellationToken.None);
        Log.Handled(logger, activity.Type!, activity.Name ?? "-", response?.Status ?? 200, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        context.Response.StatusCode = response.Status;
        if (response.Body is not null)
            await context.Response.WriteAsJsonAsync(response.Body, response.Body.GetType(), WireJson.Options);
    }

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static (Activity? Activity, string? Problem) Parse(byte[] body)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, WireJson.Options);
        }
        catch (JsonException)
        {
            return (null, "The body is not a JSON activity.");
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
            return (null, "An activity needs a \"type\".");
        var needsConversation = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke
            or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate;
        if (needsConversation)
        {
            if (string.IsNullOrEmpty(activity.Conversation?.Id) || string.IsNullOrEmpty(activity.ServiceUrl))
                return (null, $"A {activity.Type} activity needs \"conversation.id\" and \"serviceUrl\".");
            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
                return (null, "\"serviceUrl\" is not an http(s) URL.");
        }
        return (activity, null);
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Handled {Type} {Name}: {Status} in {ElapsedMs:F1} ms")]
        public static partial void Handled(ILogger logger, string type, string name, int status, double elapsedMs);

        [LoggerMessage(1002, LogLevel.Warning, "Refused a request with {Status}: {Reason}")]
        public static partial void Refused(ILogger logger, int status, string reason);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using PeerBot.Bot.Delivery;

namespace PeerBot.Bot.Protocol;

/// <summary>
/// Calls the Bot Connector REST API at a conversation's serviceUrl (protocol.md §4.2): reply, send, update, create a
/// 1:1 conversation, get a member. Path segments are escaped. Only 412, 429, 502, 503 and 504 are retried, waiting
/// for Retry-After or a jittered backoff, a bounded number of times; every other failure comes back as a
/// <see cref="ConnectorResult"/>, not an exception.
/// </summary>
public sealed partial class ConnectorClient
{
    private static readonly HashSet<HttpStatusCode> Retryable =
    [
        HttpStatusCode.PreconditionFailed, HttpStatusCode.TooManyRequests,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient http;
    private readonly IConnectorTokenSource tokens;
    private readonly TrustedServiceUrls trusted;
    private readonly ILogger<ConnectorClient> logger;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;
    private readonly SendPacer pacer;
    private readonly TimeProvider time;
    private readonly ConnectorOptions settings;

    public ConnectorClient(
        HttpClient http,
        IConnectorTokenSource tokens,
        TrustedServiceUrls trusted,
        IOptions<ConnectorOptions> options,
        SendPacer pacer,
        TimeProvider time,
        ILogger<ConnectorClient> logger)
    {
        this.http = http;
        this.tokens = tokens;
        this.trusted = trusted;
        this.logger = logger;
        this.pacer = pacer;
        this.time = time;
        var settings = this.settings = options.Value;
        retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                ShouldHandle = args => ValueTask.FromResult(
                    settings.MaxRetries > 0 && args.Outcome.Result is { } response && Retryable.Contains(response.StatusCode)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, settings.MaxRetryDelay)),
                OnRetry = args =>
                {
                    Log.Retrying(logger, (int)args.Outcome.Result!.StatusCode, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, replyToId), activity, cancellationToken);

    public Task<ConnectorResult> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, null), activity, cancellationToken);

    /// <summary>
    /// Posts an activity kept as JSON (an outbox item) to its conversation, as a reply when <paramref name="replyToId"/>
    /// is given; paced by the tenant's and the conversation's rate limits.
    /// </summary>
    public Task<ConnectorResult> PostActivityAsync(
        string serviceUrl, string conversationId, string? replyToId, string activityJson, string? tenantId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, replyToId), new RawJson(activityJson), cancellationToken, pace: (tenantId, conversationId));

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = activityId;
        return SendAsync(HttpMethod.Put, serviceUrl, ActivitiesPath(conversationId, activityId), activity, cancellationToken);
    }

    /// <summary>Creates (or finds) the 1:1 chat between the bot and a member; the result's Id is the conversation id.</summary>
    public Task<ConnectorResult> CreatePersonalConversationAsync(string serviceUrl, string botId, string memberId, string tenantId, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            isGroup = false,
            bot = new { id = botId },
            members = new[] { new { id = memberId } },
            tenantId,
            channelData = new { tenant = new { id = tenantId } },
        };
        return SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);
    }

    public async Task<(ConnectorResult Result, ChannelAccount? Member)> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}";
        ChannelAccount? member = null;
        var result = await SendAsync(HttpMethod.Get, serviceUrl, path, body: null, cancellationToken, async response =>
            member = await response.Content.ReadFromJsonAsync<ChannelAccount>(WireJson.Options, cancellationToken));
        return (result, member);
    }

    private async Task<ConnectorResult> SendAsync(
        HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken,
        Func<HttpResponseMessage, Task>? readSuccess = null, (string? Tenant, string Conversation)? pace = null)
    {
        try
        {
            using var response = await CallAsync(method, serviceUrl, path, body, pace, cancellationToken);
            if (response.IsSuccessStatusCode && readSuccess is not null)
            {
                await readSuccess(response);
                return new ConnectorResult(ConnectorOutcome.Done, (int)response.StatusCode, null, null);
            }
            return await ClassifyAsync(response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // The connector could not be reached, or the connection broke; not retried here, since the send may have
            // arrived (protocol.md §8.12). The outbox decides.
            Log.Unreachable(logger, e.HttpRequestError);
            return new ConnectorResult(ConnectorOutcome.Unavailable, 0, null, null) { IsAmbiguous = true };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, settings.SendTimeout.TotalSeconds);
            return new ConnectorResult(ConnectorOutcome.Unavailable, 0, null, null) { IsAmbiguous = true };
        }
    }

    private async Task<HttpResponseMessage> CallAsync(
        HttpMethod method, string serviceUrl, string path, object? body, (string? Tenant, string Conversation)? pace, CancellationToken cancellationToken)
    {
        var target = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
        var token = await tokens.GetTokenAsync(cancellationToken);
        if (token is not null && !trusted.IsTrusted(target))
        {
            Log.TokenWithheld(logger, target.Host);
            token = null;
        }

        return await retry.ExecuteAsync(async ct =>
        {
            if (pace is var (tenant, conversation))
                await pacer.WaitAsync(tenant, conversation, ct);
            using var request = new HttpRequestMessage(method, target);
            request.Content = body switch
            {
                null => null,
                RawJson raw => new StringContent(raw.Json, System.Text.Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(body, body.GetType(), options: WireJson.Options),
            };
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.SendTimeout);
            var response = await http.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && pace is var (tooManyTenant, tooManyConversation))
                pacer.BackOff(tooManyTenant, tooManyConversation, RetryAfter(response, time, settings.MaxRetryDelay) ?? settings.RetryBaseDelay);
            return response;
        }, cancellationToken);
    }

    private async Task<ConnectorResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
            return new ConnectorResult(ConnectorOutcome.Done, status, null, ReadId(text));

        var code = ErrorCode(text);
        var outcome = (response.StatusCode, code) switch
        {
            (HttpStatusCode.Forbidden, "ConversationBlockedByUser" or "MessageWritesBlocked" or "BotDisabledByAdmin") => ConnectorOutcome.Blocked,
            (HttpStatusCode.Forbidden, "BotNotInConversationRoster" or "ForbiddenOperationException") => ConnectorOutcome.NotInstalled,
            (HttpStatusCode.NotFound, "ActivityNotFoundInConversation") => ConnectorOutcome.ActivityNotFound,
            (HttpStatusCode.NotFound, _) => ConnectorOutcome.ConversationNotFound,
            // 500 and 408 are not retried within the request (protocol.md §5), but the outbox tries them later: a lost
            // reply is worse than a connector asked twice.
            _ when Retryable.Contains(response.StatusCode) || response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout
                => ConnectorOutcome.Unavailable,
            _ => ConnectorOutcome.Failed,
        };
        var operationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
        Log.ConnectorRefused(logger, status, code ?? "-", outcome, operationId ?? "-");
        return new ConnectorResult(outcome, status, code, null) { RetryAfter = RetryAfter(response, time, settings.MaxRetryDelay) };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null)
            return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    /// <summary>
    /// Reads the error code from either shape the connector uses: {"error":{"code":…}} or Teams'
    /// {"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",…}"} (protocol.md §4.2).
    /// </summary>
    internal static string? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object &&
                error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                return code.GetString();
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String &&
                message.GetString() is { } inner && inner.StartsWith('{'))
            {
                using var nested = JsonDocument.Parse(inner);
                if (nested.RootElement.TryGetProperty("subCode", out var subCode) && subCode.ValueKind == JsonValueKind.String)
                    return subCode.GetString();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static string? ReadId(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) &&
                   id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>A conversation's activities, or one of them; each segment escaped.</summary>
    private static string ActivitiesPath(string conversationId, string? activityId) => activityId is null
        ? $"v3/conversations/{Escape(conversationId)}/activities"
        : $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}";

    /// <summary>A body that is JSON already.</summary>
    private sealed record RawJson(string Json);

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Connector answered {Status} ({Code}): {Outcome}, operation {OperationId}")]
        public static partial void ConnectorRefused(ILogger logger, int status, string code, ConnectorOutcome outcome, string operationId);

        [LoggerMessage(2002, LogLevel.Information, "Connector answered {Status}; try {Attempt} in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, int status, int attempt, double delayMs);

        [LoggerMessage(2004, LogLevel.Warning, "Connector unreachable: {Error}")]
        public static partial void Unreachable(ILogger logger, HttpRequestError error);

        [LoggerMessage(2005, LogLevel.Warning, "Connector did not answer within {Seconds} s")]
        public static partial void TimedOut(ILogger logger, double seconds);

        [LoggerMessage(2003, LogLevel.Warning, "Not sending the bot's token to untrusted host {Host}")]
        public static partial void TokenWithheld(ILogger logger, string host);
    }
}

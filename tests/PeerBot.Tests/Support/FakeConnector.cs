using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PeerBot.Tests.Support;

/// <summary>One request the fake connector received.</summary>
public sealed record ConnectorCall(string Method, string RawPath, string? Authorization, JsonNode? Body);

/// <summary>
/// A Bot Connector on loopback that answers like the real one (201 with an id) and records every call. A test can
/// queue answers (status, body, Retry-After) that are used first.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly LoopbackServer server;
    private readonly ConcurrentQueue<(int Status, string? Body, string? RetryAfter)> scripted = new();
    private int nextId;

    private FakeConnector(LoopbackServer server) => this.server = server;

    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    public string ServiceUrl => server.BaseAddress.ToString();

    /// <summary>Messages the bot sent, as activity JSON.</summary>
    public IReadOnlyList<JsonNode> Sent => Calls.Where(c => c.Body is not null && c.Method != "GET").Select(c => c.Body!).ToList();

    /// <param name="port">0: any free port; a port given again starts a connector where an earlier one stopped</param>
    public static async Task<FakeConnector> StartAsync(int port = 0)
    {
        FakeConnector? connector = null;
        var server = await LoopbackServer.StartAsync(routes => routes.Map("/{**path}", (HttpContext context) => connector!.AnswerAsync(context)), port);
        connector = new FakeConnector(server);
        return connector;
    }

    public void Script(int status, string? body = null, string? retryAfter = null) => scripted.Enqueue((status, body, retryAfter));

    /// <summary>How long each call waits before it is answered (after it is recorded as received).</summary>
    public TimeSpan Delay { get; set; }

    private async Task AnswerAsync(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Calls.Enqueue(new ConnectorCall(
            context.Request.Method,
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.Authorization.FirstOrDefault(),
            string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text)));
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay);

        if (scripted.TryDequeue(out var answer))
        {
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null)
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            if (answer.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(answer.Body);
            }
            return;
        }
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new { id = $"reply-{Interlocked.Increment(ref nextId)}" });
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PeerBot.Tests.Support;

/// <summary>
/// An OpenAI-compatible chat completions server on loopback (POST /v1/chat/completions), standing in for Azure OpenAI
/// or a local model server. Answers what the test scripted: a reply's text, a status, a body that is not JSON, or a
/// delay. Keeps every request body, so a test can see what left the bot. A request for the bot's second opinion (its
/// instructions begin "SECOND OPINION") gets <see cref="SecondOpinion"/> instead and is kept apart.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly LoopbackServer server;

    private FakeChatServer(LoopbackServer server) => this.server = server;

    /// <summary>The base URL as configured: ".../v1".</summary>
    public string Endpoint => server.BaseAddress + "v1";

    /// <summary>The requests for a sentence (not for a second opinion).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> SecondOpinionRequests { get; } = new();

    /// <summary>What the model answers when asked for a second opinion: "NONE", or flags such as "ADVICE".</summary>
    public string SecondOpinion { get; set; } = "NONE";

    /// <summary>What the model answers; null: a 200 with a body that is not JSON.</summary>
    public string? Reply { get; set; } = "Tak.";

    /// <summary>Answers with this status instead (e.g. 500, 429).</summary>
    public int? Status { get; set; }

    public TimeSpan Delay { get; set; }

    public static async Task<FakeChatServer> StartAsync()
    {
        FakeChatServer? fake = null;
        var server = await LoopbackServer.StartAsync(routes => routes.MapPost("/v1/chat/completions", (HttpContext context) => fake!.AnswerAsync(context)));
        fake = new FakeChatServer(server);
        return fake;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var isSecondOpinion = request.Contains("SECOND OPINION", StringComparison.Ordinal);
        (isSecondOpinion ? SecondOpinionRequests : Requests).Enqueue(request);
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay);
        if (Status is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted", type = "server_error" } });
            return;
        }
        context.Response.ContentType = "application/json";
        var reply = isSecondOpinion ? SecondOpinion : Reply;
        if (reply is null)
        {
            await context.Response.WriteAsync("{\"choices\": [ not json");
            return;
        }
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1767225600,
            ["model"] = "test",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        await context.Response.WriteAsync(completion.ToJsonString());
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

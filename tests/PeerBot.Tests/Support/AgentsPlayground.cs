using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace PeerBot.Tests.Support;

/// <summary>
/// The Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground, installed by test.sh into tests/tools),
/// run headless: a Teams-shaped client that sends real activities to the bot and a mock connector that receives its
/// replies. Replies are read from its WebSocket stream, the way its own web page reads them.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private static readonly string Cli = Path.Combine(RepoPaths.Root, "tests", "tools", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly Channel<JsonNode> messages = Channel.CreateUnbounded<JsonNode>();
    private readonly CancellationTokenSource stop = new();

    private AgentsPlayground(Process process, int port, string personalChatId)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        ServiceUrl = $"http://localhost:{port}/_connector";
        PersonalChat = personalChatId;
    }

    /// <summary>The serviceUrl the Playground puts on its activities: its own mock connector.</summary>
    public string ServiceUrl { get; }

    /// <summary>The id of the Playground's 1:1 chat.</summary>
    public string PersonalChat { get; }

    public HttpClient Http { get; }

    public const string PersonalChatId = "a:personal-conv-1";

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, string personalChatId = PersonalChatId)
    {
        if (!File.Exists(Cli))
            throw new FileNotFoundException("The Agents Playground is not installed; ./test.sh installs it (npm ci in tests/tools).", Cli);

        var port = Ports.Free();
        var start = new ProcessStartInfo("node", [Cli, "-e", botEndpoint.ToString(), "-c", "msteams", "-p", port.ToString(), "--conversation-id", personalChatId, "--dt"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // It writes its own log under devTools/ in the working folder; keep that out of the repository.
            WorkingDirectory = TempFolder.Create(),
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var playground = new AgentsPlayground(process, port, personalChatId);
        await playground.WaitUntilReadyAsync();
        await playground.socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws_conversation/v1/conversations/stream"), CancellationToken.None);
        _ = playground.ReadStreamAsync();
        return playground;
    }

    public async Task<JsonObject> ConfigAsync() => (await Http.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!["config"]!.AsObject();

    public async Task InstallAsync() =>
        (await Http.PostAsJsonAsync($"_debug/conversation/{PersonalChat}/installation", new { })).EnsureSuccessStatusCode();

    public async Task SendAsync(string text, string? conversationId = null, JsonArray? mentions = null)
    {
        conversationId ??= PersonalChat;
        var message = new JsonObject { ["from"] = new JsonObject { ["id"] = "user-id-0" }, ["text"] = text, ["textFormat"] = "plain" };
        if (mentions is not null)
            message["mentions"] = mentions;
        (await Http.PostAsJsonAsync($"_conversation/v1/conversations/{conversationId}/messages", message)).EnsureSuccessStatusCode();
    }

    /// <summary>Clicks an Action.Submit button: the card's data comes to the bot as the message's value.</summary>
    public async Task ClickAsync(JsonNode cardMessage, JsonNode buttonData) =>
        (await Http.PostAsJsonAsync("_conversation/v1/submit", new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = PersonalChat },
            ["from"] = new JsonObject { ["id"] = "user-id-0" },
            ["replyToId"] = (string?)cardMessage["messageId"],
            ["value"] = buttonData.DeepClone(),
        })).EnsureSuccessStatusCode();

    /// <summary>Sends an adaptiveCard/action invoke; returns the bot's HTTP answer as the Playground relays it.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(JsonNode cardMessage, JsonNode value) =>
        await Http.PostAsJsonAsync("_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["conversation"] = new JsonObject { ["id"] = PersonalChat },
            ["replyToId"] = (string?)cardMessage["messageId"],
            ["from"] = new JsonObject { ["id"] = "user-id-0" },
            ["value"] = value.DeepClone(),
        });

    /// <summary>
    /// A message in the 1:1 chat from another Teams user than the Playground's own (its custom-activity door forwards
    /// the activity as given), so one Playground can stand for a second member. <paramref name="choice"/> makes it a card click.
    /// </summary>
    public async Task SendAsAsync(string userId, string? text, string? choice = null)
    {
        var config = await ConfigAsync();
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Participant" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = (string?)config["tenantId"], ["id"] = PersonalChat },
            ["recipient"] = new JsonObject { ["id"] = (string?)config["bot"]!["id"], ["name"] = (string?)config["bot"]!["name"] },
            ["locale"] = "en-US",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = (string?)config["tenantId"] } },
        };
        if (text is not null)
            activity["text"] = text;
        if (choice is not null)
            activity["value"] = new JsonObject { ["choice"] = choice };
        (await Http.PostAsJsonAsync("_internal/v1/customActivities", activity)).EnsureSuccessStatusCode();
    }

    /// <summary>The next message the bot posted to the Playground's connector, or a failure after 15 seconds.</summary>
    public async Task<JsonNode> NextMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            return await messages.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The Playground received no message from the bot within 15 seconds.");
        }
    }

    /// <summary>No further message arrives within a short while.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        return !messages.Reader.TryPeek(out _);
    }

    public static string? TextOf(JsonNode message) =>
        (string?)message["text"] ?? (string?)message["attachments"]?[0]?["content"]?["body"]?[0]?["text"];

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The Agents Playground exited with code {process.ExitCode}.");
            try
            {
                if (await Http.GetStringAsync("_debug/ping") == "pong")
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The Agents Playground did not answer /_debug/ping within 30 seconds.");
    }

    private async Task ReadStreamAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, stop.Token);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray()));
                if ((string?)node?["action"] == "createMessage")
                    await messages.Writer.WriteAsync(node["message"]!);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }


    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Dispose();
        Http.Dispose();
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

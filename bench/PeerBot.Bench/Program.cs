using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

// The whole turn path under load: HTTP in, state loaded and saved in SQLite (encrypted), the reply posted to a
// local fake Bot Connector. Each worker is one member in their own 1:1 conversation, alternating "pause" and
// "fortsæt", so every turn changes and saves state.
if (args.FirstOrDefault() == "safety")
    return SafetyBench.Run(Arg("--corpus") ?? "dialogs/Safety/corpus", IntArg("--rounds", 3), Arg("--results"));
if (args.FirstOrDefault() == "llm")
    return await LlmBench.RunAsync(IntArg("--workers", 8), IntArg("--seconds", 15), IntArg("--warmup", 5), Arg("--results"));
if (args.FirstOrDefault() == "fanout")
    return await FanOutBench.RunAsync(IntArg("--members", 10_000), IntArg("--groups", 500),
        Arg("--kill-after") is { } kill ? int.Parse(kill, System.Globalization.CultureInfo.InvariantCulture) : null, Arg("--results"));

var conversations = IntArg("--conversations", 32);
const int ConversationsPerWorker = 50;
var seconds = IntArg("--seconds", 20);
var warmupSeconds = IntArg("--warmup", 5);
var results = Arg("--results");
var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";

await using var connector = await FakeConnector.StartAsync();
var dataFolder = Path.Combine(Path.GetTempPath(), "peerbot-bench", Guid.NewGuid().ToString("N"));
using var bot = BotProcess.Start(dataFolder, [], out var botUrl);
var peerbot = await MeasureAsync("PeerBot", botUrl);
bot.Kill(entireProcessTree: true);

if (args.FirstOrDefault() == "peer")
{
    // The same load against a Bot Framework JS SDK bot (bench/peer-botbuilder), after PeerBot, on the same connector.
    using var peer = PeerProcess.Start(out var peerUrl);
    var botbuilder = await MeasureAsync("botbuilder 4.23.3", peerUrl);
    peer.Kill(entireProcessTree: true);
    var ratio = peerbot.TurnsPerSecond / botbuilder.TurnsPerSecond;
    Console.WriteLine($"PeerBot / botbuilder: {ratio:F1}x the turns per second; p99 {peerbot.P99:F1} ms against {botbuilder.P99:F1} ms");
    var peerLine = $"| {DateTime.UtcNow:yyyy-MM-dd} | {conversations} | {seconds} s | {peerbot.TurnsPerSecond:F0} | {peerbot.P50:F1} ms | {peerbot.P99:F1} ms | " +
                   $"{botbuilder.TurnsPerSecond:F0} | {botbuilder.P50:F1} ms | {botbuilder.P99:F1} ms | {ratio:F1}x | {peerbot.Failures + botbuilder.Failures} | {machine} |";
    Console.WriteLine(peerLine);
    if (results is not null)
        await File.AppendAllTextAsync(results, peerLine + Environment.NewLine);
    return peerbot.Failures + botbuilder.Failures == 0 ? 0 : 1;
}

var line = $"| {DateTime.UtcNow:yyyy-MM-dd} | {conversations} | {seconds} s | {peerbot.Turns} | {peerbot.TurnsPerSecond:F0} | {peerbot.P50:F1} ms | {peerbot.P99:F1} ms | {peerbot.Failures} | {machine} |";
Console.WriteLine(line);
if (results is not null)
    await File.AppendAllTextAsync(results, line + Environment.NewLine);
return peerbot.Failures == 0 ? 0 : 1;

async Task<Measured> MeasureAsync(string name, Uri url)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = url };
    await BotProcess.WaitUntilHealthyAsync(http);
    Console.WriteLine($"{name}: warming up for {warmupSeconds} s with {conversations} conversations...");
    await RunAsync(http, connector.ServiceUrl, conversations, TimeSpan.FromSeconds(warmupSeconds), new List<double>[conversations]);
    Console.WriteLine($"{name}: measuring for {seconds} s...");
    var latencies = new List<double>[conversations];
    var repliesBefore = connector.Replies;
    var wall = Stopwatch.StartNew();
    var failures = await RunAsync(http, connector.ServiceUrl, conversations, TimeSpan.FromSeconds(seconds), latencies);
    wall.Stop();
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
    var measured = new Measured(all.Length, all.Length / wall.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), failures);
    Console.WriteLine($"{name}: turns {measured.Turns}, failures {failures}, replies received {connector.Replies - repliesBefore}");
    Console.WriteLine($"{name}: turns/s {measured.TurnsPerSecond:F0}   p50 {measured.P50:F1} ms   p99 {measured.P99:F1} ms");
    return measured;
}

static async Task<int> RunAsync(HttpClient http, string serviceUrl, int conversations, TimeSpan duration, List<double>[] latencies)
{
    var failures = 0;
    var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, conversations).Select(async worker =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        // Each worker takes turns among its own conversations: one conversation cannot take more than Teams' 8 sends
        // in 2 seconds, which the bot keeps, and a member does not write faster than that.
        var conversationIds = Enumerable.Range(0, ConversationsPerWorker).Select(_ => $"a:bench-{worker}-{Guid.NewGuid():N}").ToArray();
        for (var turn = 0; Stopwatch.GetTimestamp() < until; turn++)
        {
            var body = Activity(serviceUrl, conversationIds[turn % ConversationsPerWorker], worker * ConversationsPerWorker + turn % ConversationsPerWorker, turn / ConversationsPerWorker);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
                Interlocked.Increment(ref failures);
        }
    }));
    return failures;
}

static string Activity(string serviceUrl, string conversationId, int member, int turn) => new JsonObject
{
    ["type"] = "message",
    ["id"] = $"{member}-{turn}-{Guid.NewGuid():N}",
    ["timestamp"] = DateTime.UtcNow.ToString("O"),
    ["serviceUrl"] = serviceUrl,
    ["channelId"] = "msteams",
    ["from"] = new JsonObject { ["id"] = $"29:bench-member-{member}", ["name"] = "Bench", ["aadObjectId"] = Guid.NewGuid().ToString() },
    ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = Tenant(member), ["id"] = conversationId },
    ["recipient"] = new JsonObject { ["id"] = "28:6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f", ["name"] = "PeerBot" },
    ["textFormat"] = "plain",
    ["text"] = turn % 2 == 0 ? "pause" : "fortsæt",
    ["locale"] = "da-DK",
    ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant(member) } },
}.ToJsonString();

// Each member in their own tenant: the bot keeps Teams' limit of 50 sends per second per tenant, which would
// otherwise be what this measures.
static string Tenant(int member) => $"3c2d1e0f-aaaa-4bbb-8ccc-{member:D12}";

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
int IntArg(string name, int fallback) => int.TryParse(Arg(name), out var value) ? value : fallback;

/// <summary>Turns measured: how many, per second, the 50th and 99th percentile of their latency, and failed requests.</summary>
record Measured(int Turns, double TurnsPerSecond, double P50, double P99, int Failures)
{
    public int WarmupTurns { get; init; }
}

/// <summary>A Bot Connector stand-in that accepts every reply the way the real one does: 201 with an id.</summary>
sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private int replies;

    private FakeConnector(WebApplication app) => this.app = app;

    public string ServiceUrl => app.Urls.Single() + "/";

    public int Replies => replies;

    public static async Task<FakeConnector> StartAsync()
    {
        var app = Loopback.Create();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref connector.replies);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") }, statusCode: 201);
        });
        await app.StartAsync();
        return connector;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

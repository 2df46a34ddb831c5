using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// The whole turn path under load: HTTP in, state loaded and saved in SQLite (encrypted), the reply posted to a
// local fake Bot Connector. Each worker is one member in their own 1:1 conversation, alternating "pause" and
// "fortsæt", so every turn changes and saves state.
if (args.FirstOrDefault() == "safety")
    return SafetyBench.Run(Arg("--corpus") ?? "dialogs/Safety/corpus", IntArg("--rounds", 3), Arg("--results"));

var conversations = IntArg("--conversations", 32);
const int ConversationsPerWorker = 50;
var seconds = IntArg("--seconds", 20);
var warmupSeconds = IntArg("--warmup", 5);
var results = Arg("--results");

await using var connector = await FakeConnector.StartAsync();
var dataFolder = Path.Combine(Path.GetTempPath(), "peerbot-bench", Guid.NewGuid().ToString("N"));
using var bot = StartBot(dataFolder, out var botUrl);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = botUrl };
await WaitUntilHealthyAsync(http);

Console.WriteLine($"Warming up for {warmupSeconds} s with {conversations} conversations...");
await RunAsync(http, connector.ServiceUrl, conversations, TimeSpan.FromSeconds(warmupSeconds), new List<double>[conversations]);

Console.WriteLine($"Measuring for {seconds} s...");
var latencies = new List<double>[conversations];
var wall = Stopwatch.StartNew();
var failures = await RunAsync(http, connector.ServiceUrl, conversations, TimeSpan.FromSeconds(seconds), latencies);
wall.Stop();

var all = latencies.SelectMany(l => l).Order().ToArray();
var turnsPerSecond = all.Length / wall.Elapsed.TotalSeconds;
double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";
var line = $"| {DateTime.UtcNow:yyyy-MM-dd} | {conversations} | {seconds} s | {all.Length} | {turnsPerSecond:F0} | {Percentile(0.50):F1} ms | {Percentile(0.99):F1} ms | {failures} | {machine} |";

Console.WriteLine($"turns: {all.Length}, failures: {failures}, replies received: {connector.Replies}");
Console.WriteLine($"turns/s: {turnsPerSecond:F0}   p50: {Percentile(0.50):F1} ms   p99: {Percentile(0.99):F1} ms");
Console.WriteLine(line);
if (results is not null)
    await File.AppendAllTextAsync(results, line + Environment.NewLine);

bot.Kill(entireProcessTree: true);
return failures == 0 ? 0 : 1;

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

static Process StartBot(string dataFolder, out Uri url)
{
    var port = FreePort();
    url = new Uri($"http://127.0.0.1:{port}/");
    var dll = Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll");
    var start = new ProcessStartInfo("dotnet", [dll, "--urls", url.ToString().TrimEnd('/'), "--environment", "Development",
        "--PeerBot:DataFolder", dataFolder, "--Logging:LogLevel:Default", "Warning"])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = AppContext.BaseDirectory,
    };
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("bot: " + e.Data); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("bot: " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitUntilHealthyAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                return;
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(100);
    }
    throw new TimeoutException("The bot did not become healthy.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
int IntArg(string name, int fallback) => int.TryParse(Arg(name), out var value) ? value : fallback;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
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

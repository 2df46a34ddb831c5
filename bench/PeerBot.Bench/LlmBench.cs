using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Privacy;

/// <summary>
/// What the optional language model adds to a member's turn. Members wait at the week's question with their yes to the
/// model; each turn is "Hvad mener du?", which asks the model for the question in plainer words (and its second
/// opinion) before the fixed line. The same turns are measured three times, each against a fresh bot process on the
/// same seeded data: the model off; on, against a local OpenAI-compatible server that answers at once with a sentence
/// the guard passes; and on, against a model that is down (it accepts connections and never answers).
/// </summary>
static class LlmBench
{
    private const string BotId = "28:6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f";
    private const int ConversationsPerWorker = 50;
    private const string Plainer = "Hvordan havde du det, første gang du var med i gruppen?";

    public static async Task<int> RunAsync(int workers, int seconds, int warmupSeconds, string? results)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var model = await FakeModel.StartAsync();
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start(backlog: 1000);
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
                held.Add(await blackHole.AcceptSocketAsync());
        });
        var downEndpoint = $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}/v1";

        var members = workers * ConversationsPerWorker;
        var dataFolder = Path.Combine(Path.GetTempPath(), "peerbot-bench", Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Seeding {members} members at the week's question, with their yes to the model...");
        await SeedAsync(dataFolder, members);

        string[] On(string endpoint) =>
        [
            "--PeerBot:Llm:Provider", "OpenAICompatible", "--PeerBot:Llm:Endpoint", endpoint, "--PeerBot:Llm:Model", "bench",
            "--PeerBot:Llm:ProviderName", "Benchmodellen", "--PeerBot:Llm:PerMemberPerDay", "1000000",
        ];
        var off = await MeasureAsync("model off", dataFolder, [], connector, workers, seconds, warmupSeconds);
        var callsBefore = model.Calls;
        var on = await MeasureAsync("model on", dataFolder, On(model.Endpoint), connector, workers, seconds, warmupSeconds);
        var callsPerTurn = (model.Calls - callsBefore) / (double)(on.Turns + on.WarmupTurns);
        var down = await MeasureAsync("model down", dataFolder, On(downEndpoint), connector, workers, seconds, warmupSeconds);

        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";
        var line = $"| {DateTime.UtcNow:yyyy-MM-dd} | {workers} | {seconds} s | {off.P50:F1} / {off.P99:F1} ms | {on.P50:F1} / {on.P99:F1} ms | " +
                   $"+{on.P50 - off.P50:F1} / +{on.P99 - off.P99:F1} ms | {callsPerTurn:F2} | {down.P50:F1} / {down.P99:F1} ms | {(down.P99 <= off.P99 * 1.1 ? "yes" : "no")} | " +
                   $"{off.Failures + on.Failures + down.Failures} | {machine} |";
        Console.WriteLine(line);
        if (results is not null)
            await File.AppendAllTextAsync(results, line + Environment.NewLine);
        foreach (var socket in held)
            socket.Dispose();
        return off.Failures + on.Failures + down.Failures == 0 ? 0 : 1;
    }

    private static async Task<Measured> MeasureAsync(string name, string dataFolder, string[] settings, FakeConnector connector, int workers, int seconds, int warmupSeconds)
    {
        using var bot = BotProcess.Start(dataFolder, settings, out var url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        await BotProcess.WaitUntilHealthyAsync(http);
        Console.WriteLine($"{name}: warming up for {warmupSeconds} s with {workers} workers...");
        var (warmupTurns, _) = await RunAsync(http, connector.ServiceUrl, workers, TimeSpan.FromSeconds(warmupSeconds), new List<double>[workers]);
        Console.WriteLine($"{name}: measuring for {seconds} s...");
        var latencies = new List<double>[workers];
        var wall = Stopwatch.StartNew();
        var (_, failures) = await RunAsync(http, connector.ServiceUrl, workers, TimeSpan.FromSeconds(seconds), latencies);
        wall.Stop();
        bot.Kill(entireProcessTree: true);
        bot.WaitForExit();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        var measured = new Measured(all.Length, all.Length / wall.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), failures) { WarmupTurns = warmupTurns };
        Console.WriteLine($"{name}: turns {measured.Turns} ({measured.TurnsPerSecond:F0}/s), failures {failures}, p50 {measured.P50:F1} ms, p99 {measured.P99:F1} ms");
        return measured;
    }

    private static async Task<(int Turns, int Failures)> RunAsync(HttpClient http, string serviceUrl, int workers, TimeSpan duration, List<double>[] latencies)
    {
        int turns = 0, failures = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            for (var turn = 0; Stopwatch.GetTimestamp() < until; turn++)
            {
                var member = worker * ConversationsPerWorker + turn % ConversationsPerWorker;
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("api/messages", new StringContent(Activity(serviceUrl, member), Encoding.UTF8, "application/json"));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref turns);
                if (response.StatusCode != HttpStatusCode.OK)
                    Interlocked.Increment(ref failures);
            }
        }));
        return (turns, failures);
    }

    private static string Activity(string serviceUrl, int member) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTime.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = $"29:llm-{member}", ["name"] = "Bench" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = Tenant(member), ["id"] = $"a:llm-{member}" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" },
        ["textFormat"] = "plain",
        ["text"] = "Hvad mener du?",
        ["locale"] = "da-DK",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant(member) } },
    }.ToJsonString();

    // Each member in their own tenant, so Teams' 50 sends per second per tenant is not what this measures.
    private static string Tenant(int member) => $"3c2d1e0f-bbbb-4bbb-8ccc-{member:D12}";

    /// <summary>
    /// Through the bot's own classes: groups of ten whose first session is in two days, and each member's
    /// conversation with both yeses and the week's question open (the invitation turn run by the bot's own engine).
    /// </summary>
    private static async Task SeedAsync(string dataFolder, int members)
    {
        using var host = BotProcess.Services(dataFolder);
        var directory = host.Services.GetRequiredService<IGroupDirectory>();
        var states = host.Services.GetRequiredService<ConversationStates>();
        var engine = host.Services.GetRequiredService<DialogEngine>();
        var now = DateTimeOffset.UtcNow;
        var firstSession = TimeZoneInfo.ConvertTime(now.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).Date.AddHours(17);
        var yes = ConversationState.New with { Consent = new Consent(true, 1, now), LlmConsent = new LlmConsent(true, 1, now) };
        for (var first = 0; first < members; first += 10)
        {
            var group = new GroupId($"llm-{first / 10}");
            var ids = Enumerable.Range(first, Math.Min(10, members - first)).ToArray();
            await directory.ApplyAsync(new CreateGroup(new Group(group, $"Gruppe {first / 10}", Course.DefaultId, firstSession, "Europe/Copenhagen", "da",
                JoinCodes.New(), JoinCodes.New(), 2, [], [.. ids.Select(m => new GroupMember(new MemberId($"29:llm-{m}"), $"msteams/a:llm-{m}", now))])), default);
            foreach (var m in ids)
            {
                var invited = await engine.RunAsync(yes, new Turn(new MemberId($"29:llm-{m}"), new ConversationId($"msteams/a:llm-{m}"), Place.Personal, "da",
                    TurnKind.Scheduled, null, WeeklyReflectionDialog.Payload(group, 1), now));
                await states.TrySaveAsync($"msteams/a:llm-{m}", new LoadedState(ConversationDocument.New, null), ConversationDocument.New with { State = invited.State }, default);
            }
        }
    }

    /// <summary>An OpenAI-compatible chat completions server that answers at once: the question in plainer words, or NONE for a second opinion.</summary>
    private sealed class FakeModel : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int calls;

        private FakeModel(WebApplication app) => this.app = app;

        public string Endpoint => app.Urls.Single() + "/v1";

        public int Calls => calls;

        public static async Task<FakeModel> StartAsync()
        {
            var app = Loopback.Create();
            var model = new FakeModel(app);
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                var request = await new StreamReader(context.Request.Body).ReadToEndAsync();
                Interlocked.Increment(ref model.calls);
                var text = request.Contains("SECOND OPINION", StringComparison.Ordinal) ? "NONE" : Plainer;
                return Results.Json(new
                {
                    id = "chatcmpl-bench", @object = "chat.completion", created = 1767225600, model = "bench",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
                });
            });
            await app.StartAsync();
            return model;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

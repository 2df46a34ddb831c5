using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Tests.Support;

/// <summary>The real bot host on a free loopback port, with its own data folder and every log line captured.</summary>
public sealed class TestBot : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestBot(WebApplication app, string dataFolder)
    {
        this.app = app;
        DataFolder = dataFolder;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/") };
        Logs = app.Services.GetRequiredService<FakeLogCollector>();
    }

    public HttpClient Http { get; }

    public FakeLogCollector Logs { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<TestBot> StartAsync(
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<IServiceCollection>? services = null,
        string? dataFolder = null)
    {
        dataFolder ??= TempFolder.Create();
        var app = Build(settings, environment, services, dataFolder);
        await app.StartAsync();
        return new TestBot(app, dataFolder);
    }

    /// <summary>Builds without starting, for tests of what happens at start-up.</summary>
    public static WebApplication Build(
        IDictionary<string, string?>? settings, string environment, Action<IServiceCollection>? services, string dataFolder)
    {
        List<string> args = ["--environment", environment, "--urls", "http://127.0.0.1:0", "--PeerBot:DataFolder", dataFolder];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            args.AddRange([$"--{key}", value ?? ""]);
        return BotApp.Create([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFakeLogging();
            services?.Invoke(builder.Services);
        });
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization = null) =>
        PostAsync(activity.ToJsonString(), authorization);

    /// <summary>Every text a test sent the bot as the member's message.</summary>
    public ConcurrentQueue<string> MemberTexts { get; } = new();

    public async Task<HttpResponseMessage> PostAsync(string body, string? authorization = null)
    {
        if (TryReadText(body) is { } text)
            MemberTexts.Enqueue(text);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await Http.SendAsync(request);
    }

    private static string? TryReadText(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["text"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null; // a test of malformed requests
        }
    }

    /// <summary>Registers the engine's test dialogs ("noter" and friends) in a bot's services.</summary>
    public static void AddTestDialogs(IServiceCollection services)
    {
        foreach (var dialog in TestDialogs.All)
            services.AddSingleton(dialog);
        foreach (var (fileName, json) in TestDialogs.Content)
            services.AddSingleton(new ExtraContent(fileName, json));
    }

    /// <summary>Says yes to keeping reflections in the test member's 1:1 chat, as a member would: "samtykke", then "ja".</summary>
    public async Task GiveConsentAsync(string serviceUrl)
    {
        (await PostAsync(TestActivities.Message(serviceUrl, "samtykke"))).Dispose();
        (await PostAsync(TestActivities.Message(serviceUrl, "ja"))).Dispose();
    }

    /// <summary>The first exception the bot logged, for assertion messages.</summary>
    public string? FirstLoggedError() => Logs.GetSnapshot().FirstOrDefault(r => r.Exception is not null)?.Exception?.ToString();

    /// <summary>Every captured log line, formatted, with its scopes and structured values.</summary>
    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r =>
        $"{r.Level} {r.Category} {r.Message} {r.Exception} " +
        string.Join(" ", r.Scopes.Select(s => s?.ToString())) + " " +
        string.Join(" ", r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
    }
}

/// <summary>
/// Folders for one test's files, all under one folder for this test run, which is deleted when the run ends. A run
/// that was killed leaves its folder behind; the next run deletes it.
/// </summary>
public static class TempFolder
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "peerbot-tests");
    private static readonly Lazy<string> ThisRun = new(StartRun);

    public static string Create()
    {
        var path = Path.Combine(ThisRun.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string StartRun()
    {
        Directory.CreateDirectory(Root);
        foreach (var earlier in Directory.GetDirectories(Root))
        {
            // Another run still going keeps its folder; anything else is left over.
            if (Path.GetFileName(earlier) is var name && name.StartsWith("run-", StringComparison.Ordinal)
                && int.TryParse(name["run-".Length..], out var pid) && IsRunning(pid))
                continue;
            TryDelete(earlier);
        }
        var mine = Path.Combine(Root, $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(mine);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(mine);
        return mine;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use or already gone: the next run tries again.
        }
    }
}

public static class AuthorizationHeader
{
    public static string Bearer(string token) => new AuthenticationHeaderValue("Bearer", token).ToString();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Tests.Support;

/// <summary>The bot as its own operating-system process (the built PeerBot.Bot.dll), so a test can kill -9 it.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process process;

    private BotProcess(Process process, Uri address)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    /// <param name="dataFolder">its data folder</param>
    /// <param name="settings">more configuration, as on the command line</param>
    public static async Task<BotProcess> StartAsync(string dataFolder, IDictionary<string, string>? settings = null)
    {
        var port = Ports.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll");
        string[] extra = [.. (settings ?? new Dictionary<string, string>()).SelectMany(s => new[] { "--" + s.Key, s.Value })];
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--environment", "Development", "--PeerBot:DataFolder", dataFolder, .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        await bot.WaitUntilHealthyAsync();
        return bot;
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity) =>
        Http.PostAsync("api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>SIGKILL: no shutdown, no flushing, whatever was in flight.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The bot exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await Http.GetAsync("healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The bot did not become healthy within 30 seconds.");
    }


    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

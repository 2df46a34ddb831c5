using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerBot.Bot.Hosting;

/// <summary>The bot (the Release PeerBot.Bot.dll beside the benchmark) as its own process, on a free loopback port.</summary>
static class BotProcess
{
    public static Process Start(string dataFolder, string[] settings) => Start(dataFolder, settings, out _);

    public static Process Start(string dataFolder, string[] settings, out Uri url)
    {
        var port = FreePort();
        url = new Uri($"http://127.0.0.1:{port}/");
        var dll = Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url.ToString().TrimEnd('/'), "--environment", "Development",
            "--PeerBot:DataFolder", dataFolder, "--Logging:LogLevel:Default", "Warning", .. settings])
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

    /// <summary>The bot's own services over its data folder (not started), to seed data exactly as the bot would save it.</summary>
    public static IHost Services(string dataFolder)
    {
        var builder = Host.CreateApplicationBuilder(["--PeerBot:DataFolder", dataFolder]);
        builder.Logging.ClearProviders();
        builder.Services.AddDialogs(builder.Configuration, builder.Environment.ContentRootPath);
        return builder.Build();
    }

    /// <summary>Waits until the bot answers /healthz, up to 30 seconds.</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient http)
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The peer: the Bot Framework JS SDK bot in bench/peer-botbuilder, run with the machine's Node.js. Its npm packages
/// (pinned in package-lock.json) are installed on first use; --ignore-scripts skips botbuilder-dialogs' own clean-up
/// script, which needs a package from the network that the bot does not use.
/// </summary>
static class PeerProcess
{
    public static Process Start(out Uri url)
    {
        var folder = Path.Combine(FindRepoRoot(), "bench", "peer-botbuilder");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            using var install = Process.Start(new ProcessStartInfo("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]) { WorkingDirectory = folder })!;
            install.WaitForExit();
            if (install.ExitCode != 0)
                throw new InvalidOperationException("npm ci failed in bench/peer-botbuilder");
        }
        var port = BotProcess.FreePort();
        url = new Uri($"http://127.0.0.1:{port}/");
        var process = Process.Start(new ProcessStartInfo("node", ["bot.js", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("botbuilder: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PeerBot.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}

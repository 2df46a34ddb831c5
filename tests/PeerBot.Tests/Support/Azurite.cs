using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PeerBot.Tests.Support;

/// <summary>
/// Azurite, the Azure Storage emulator (npm azurite, installed by test.sh into tests/tools), serving Blob Storage
/// in memory on a free loopback port for the tests that share it.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    // Azurite's published development account; it only ever exists on this machine.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string Main = Path.Combine(RepoPaths.Root, "tests", "tools", "node_modules", "azurite", "dist", "src", "blob", "main.js");

    private Process? process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Main))
            throw new FileNotFoundException("Azurite is not installed; ./test.sh installs it (npm ci in tests/tools).", Main);
        var port = Ports.Free();
        var start = new ProcessStartInfo("node", [Main, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--inMemoryPersistence",
            "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TempFolder.Create(),
        };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Azurite did not listen within 30 seconds.");
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
            process.Kill(entireProcessTree: true);
        if (process is not null)
        {
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

}

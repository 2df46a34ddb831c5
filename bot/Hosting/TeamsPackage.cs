using System.IO.Compression;
using System.Text.RegularExpressions;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// `dotnet run --project bot -- package --app-id &lt;Microsoft app id&gt; [--public-url https://…] [--out peerbot-teams.zip]`:
/// the Teams app package to upload, from manifests/ with the app id filled in (and the public host in validDomains,
/// for statement downloads).
/// </summary>
public static partial class TeamsPackage
{
    private static readonly string[] Files = ["manifest.json", "da.json", "color.png", "outline.png"];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var appId = Option(args, "--app-id");
        if (appId is null || !Guid.TryParse(appId, out _))
        {
            await output.WriteLineAsync("--app-id takes the bot's Microsoft app id (a GUID).");
            return 2;
        }
        var publicUrl = Option(args, "--public-url");
        if (publicUrl is not null && !Uri.TryCreate(publicUrl, UriKind.Absolute, out _))
        {
            await output.WriteLineAsync("--public-url takes an absolute https address, e.g. https://peerbot.example.org");
            return 2;
        }
        var folder = FindManifests();
        if (folder is null)
        {
            await output.WriteLineAsync("No manifests/ folder here or above; run this from the repository.");
            return 2;
        }
        var target = Path.GetFullPath(Option(args, "--out") ?? "peerbot-teams.zip");
        await File.WriteAllBytesAsync(target, Build(folder, appId, publicUrl));
        await output.WriteLineAsync($"Teams app package: {target}");
        return 0;
    }

    /// <summary>The zip: manifest.json (app id and valid domains filled in), its Danish localization, and the two icons.</summary>
    public static byte[] Build(string manifestsFolder, string appId, string? publicUrl)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Files)
            {
                var entry = archive.CreateEntry(file);
                using var stream = entry.Open();
                var bytes = File.ReadAllBytes(Path.Combine(manifestsFolder, file));
                if (file == "manifest.json")
                {
                    var manifest = File.ReadAllText(Path.Combine(manifestsFolder, file)).Replace("{{MicrosoftAppId}}", appId, StringComparison.Ordinal);
                    if (publicUrl is not null)
                        manifest = ValidDomains().Replace(manifest, $"\"validDomains\": [\"{new Uri(publicUrl).Host}\"]");
                    bytes = System.Text.Encoding.UTF8.GetBytes(manifest);
                }
                stream.Write(bytes);
            }
        }
        return zip.ToArray();
    }

    private static string? FindManifests()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
                return candidate;
        }
        return null;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    [GeneratedRegex(@"""validDomains"":\s*\[\s*\]")]
    private static partial Regex ValidDomains();
}

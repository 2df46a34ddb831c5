using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using PeerBot.Bot.Hosting;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Manifests;

/// <summary>The Teams app package, checked against the official manifest schema (npm @microsoft/app-manifest) and Teams' icon rules.</summary>
public sealed class TeamsPackageTests
{
    private const string AppId = "6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f";
    private static readonly string Manifests = Path.Combine(RepoPaths.Root, "manifests");

    private static string Unpack(byte[] zip)
    {
        var folder = TempFolder.Create();
        using var archive = new ZipArchive(new MemoryStream(zip));
        archive.ExtractToDirectory(folder);
        return folder;
    }

    private static (int ExitCode, string Output) Validate(string folder)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "validate-manifest.js");
        using var process = Process.Start(new ProcessStartInfo("node", [script, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public void Package_Built_IsAcceptedByTheOfficialSchema()
    {
        var folder = Unpack(TeamsPackage.Build(Manifests, AppId, "https://peerbot.example.org"));

        var (exitCode, output) = Validate(folder);

        Assert.True(exitCode == 0, output);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(["personal", "groupChat", "team"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("peerbot.example.org", (string?)manifest["validDomains"]![0]);
        Assert.True(Version.Parse((string)manifest["manifestVersion"]!) >= new Version(1, 19));
        Assert.Equal(["color.png", "da.json", "manifest.json", "outline.png"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Package_ManifestThatBreaksTheSchema_IsRejected()
    {
        var folder = Unpack(TeamsPackage.Build(Manifests, AppId, null));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        manifest["accentColor"] = "green";
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.ToJsonString());

        var (exitCode, output) = Validate(folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("accentColor", output);
    }

    [Fact]
    public void Icons_HaveTeamsSizes_AndTheOutlineIsWhiteOnTransparent()
    {
        var color = Png.Read(Path.Combine(Manifests, "color.png"));
        var outline = Png.Read(Path.Combine(Manifests, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = outline.Pixels().ToList();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither transparent nor white"));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
    }
}

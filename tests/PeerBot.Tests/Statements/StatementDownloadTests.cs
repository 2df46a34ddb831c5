using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Statements;

/// <summary>Teams: a shown statement is a card with a download link to its A4 sheet; the link is unguessable and expires.</summary>
public sealed class StatementDownloadTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private FakeConnector connector = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        bot = await TestBot.StartAsync(services: s => s.AddKeyedSingleton<TimeProvider>(ProductClock.Key, clock));
        // The bot's public address is only known once it listens.
        bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PeerBotOptions>>().Value.PublicUrl = bot.Http.BaseAddress!.ToString();
        await bot.GiveConsentAsync(connector.ServiceUrl);
        foreach (var said in new[] { "personligt statement", "spring over", "Jeg hedder Søren.", "færdig", "at blive hørt.", "færdig", "ro.", "færdig", "leve.", "færdig", "Gem" })
            await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, said));
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await connector.DisposeAsync();
    }

    private async Task<string> ShowAndGetLinkAsync(string number = "1")
    {
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "mine statements"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, number));
        var card = connector.Sent.Select(m => m["attachments"]?[0]?["content"]).Last(c => (string?)c?["body"]?[0]?["text"] == "Personligt statement")!;
        var action = card["actions"]!.AsArray().Single()!;
        Assert.Equal("Hent som PDF (A4)", (string?)action["title"]);
        return (string)action["url"]!;
    }

    [Fact]
    public async Task DownloadLink_FromTheCard_ServesTheMembersA4Sheet()
    {
        var link = await ShowAndGetLinkAsync();

        using var response = await bot.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf, 0, 8));
        Assert.Matches(@"/statements/[A-Za-z0-9_-]{43}$", link);
    }

    [Fact]
    public async Task DownloadLink_WrongOrAlteredToken_IsRefused()
    {
        var link = await ShowAndGetLinkAsync();
        var altered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(HttpStatusCode.NotFound, (await bot.Http.GetAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Http.GetAsync("statements/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task DownloadLink_After24Hours_IsRefused()
    {
        var link = await ShowAndGetLinkAsync();

        clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(HttpStatusCode.NotFound, (await bot.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task DownloadLink_AfterTheMemberDeletedTheirData_IsRefused()
    {
        var link = await ShowAndGetLinkAsync();

        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "slet mine data"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "ja"));

        Assert.Equal(HttpStatusCode.NotFound, (await bot.Http.GetAsync(link)).StatusCode);
        Assert.Empty(await bot.Services.GetRequiredService<PeerBot.Bot.Storage.IStore>().ListKeysAsync("downloads/", default));
    }

    [Fact]
    public async Task DownloadLink_OfAnotherMember_ServesOnlyThatMembersOwnWords()
    {
        var mine = await ShowAndGetLinkAsync();
        var other = TestActivities.Message(connector.ServiceUrl, "x", conversationId: "a:other-member");
        other["from"]!["id"] = "29:other";
        foreach (var said in new[] { "samtykke", "ja", "personligt statement", "spring over", "Jeg hedder Bo.", "færdig", "spring over", "spring over", "spring over", "Gem", "mine statements", "1" })
        {
            other["id"] = Guid.NewGuid().ToString();
            other["text"] = said;
            await bot.PostAsync(other);
        }
        var theirs = (string)connector.Sent.Select(m => m["attachments"]?[0]?["content"]).Last(c => (string?)c?["body"]?[0]?["text"] == "Personligt statement")!["actions"]![0]!["url"]!;

        var myText = await PdfTextAsync(mine);
        var theirText = await PdfTextAsync(theirs);

        Assert.NotEqual(mine, theirs);
        Assert.Contains("Jeg hedder Søren.", myText);
        Assert.DoesNotContain("Bo.", myText);
        Assert.Contains("Jeg hedder Bo.", theirText);
        Assert.DoesNotContain("Søren", theirText);
    }

    private async Task<string> PdfTextAsync(string link)
    {
        var path = Path.Combine(TempFolder.Create(), "s.pdf");
        await File.WriteAllBytesAsync(path, await bot.Http.GetByteArrayAsync(link));
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}

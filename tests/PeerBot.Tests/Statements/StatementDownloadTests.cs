using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Statements;

/// <summary>Teams: a shown statement is a card with a download link to its A4 sheet; the link is unguessable and expires.</summary>
public sealed class StatementDownloadTests : BotWithConnector
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    protected override FakeTimeProvider Clock => clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The bot's public address is only known once it listens.
        Bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PeerBotOptions>>().Value.PublicUrl = Bot.Http.BaseAddress!.ToString();
        await Bot.GiveConsentAsync(Connector.ServiceUrl);
        foreach (var said in new[] { "personligt statement", "spring over", "Jeg hedder Søren.", "færdig", "at blive hørt.", "færdig", "ro.", "færdig", "leve.", "færdig", "Gem" })
            await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, said));
    }

    private async Task<string> ShowAndGetLinkAsync(string number = "1")
    {
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "mine statements"));
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, number));
        var card = Connector.Sent.Select(m => m["attachments"]?[0]?["content"]).Last(c => (string?)c?["body"]?[0]?["text"] == "Personligt statement")!;
        var action = card["actions"]!.AsArray().Single()!;
        Assert.Equal("Hent som PDF (A4)", (string?)action["title"]);
        return (string)action["url"]!;
    }

    [Fact]
    public async Task DownloadLink_FromTheCard_ServesTheMembersA4Sheet()
    {
        var link = await ShowAndGetLinkAsync();

        using var response = await Bot.Http.GetAsync(link);

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

        Assert.Equal(HttpStatusCode.NotFound, (await Bot.Http.GetAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Bot.Http.GetAsync("statements/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task DownloadLink_After24Hours_IsRefused()
    {
        var link = await ShowAndGetLinkAsync();

        clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(HttpStatusCode.NotFound, (await Bot.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task DownloadLink_AfterTheMemberDeletedTheirData_IsRefused()
    {
        var link = await ShowAndGetLinkAsync();

        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "slet mine data"));
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "ja"));

        Assert.Equal(HttpStatusCode.NotFound, (await Bot.Http.GetAsync(link)).StatusCode);
        Assert.Empty(await Bot.Services.GetRequiredService<PeerBot.Bot.Storage.IStore>().ListKeysAsync("downloads/", default));
    }

    [Fact]
    public async Task DownloadLink_OfAnotherMember_ServesOnlyThatMembersOwnWords()
    {
        var mine = await ShowAndGetLinkAsync();
        var other = TestActivities.Message(Connector.ServiceUrl, "x", conversationId: "a:other-member");
        other["from"]!["id"] = "29:other";
        foreach (var said in new[] { "samtykke", "ja", "personligt statement", "spring over", "Jeg hedder Bo.", "færdig", "spring over", "spring over", "spring over", "Gem", "mine statements", "1" })
        {
            other["id"] = Guid.NewGuid().ToString();
            other["text"] = said;
            await Bot.PostAsync(other);
        }
        var theirs = (string)Connector.Sent.Select(m => m["attachments"]?[0]?["content"]).Last(c => (string?)c?["body"]?[0]?["text"] == "Personligt statement")!["actions"]![0]!["url"]!;

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
        await File.WriteAllBytesAsync(path, await Bot.Http.GetByteArrayAsync(link));
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}

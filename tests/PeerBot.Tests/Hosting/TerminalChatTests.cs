using PeerBot.Bot.Hosting;

namespace PeerBot.Tests.Hosting;

public sealed class TerminalChatTests
{
    private static async Task<(int Exit, string Output)> ChatAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var exit = await TerminalChat.RunAsync(["chat", .. args, "--PeerBot:DataFolder", Support.TempFolder.Create()], new StringReader(input), output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task TerminalChat_StatementShown_IsWrittenAsAPdfWhosePathIsPrinted()
    {
        var (_, output) = await ChatAsync("ja\npersonligt statement\nspring over\nJeg hedder Kim.\nfærdig\nspring over\nspring over\nspring over\nGem\nmine statements\n1\n");

        var path = System.Text.RegularExpressions.Regex.Match(output, @"PDF: (\S+\.pdf)").Groups[1].Value;
        Assert.True(File.Exists(path), output);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 8));
    }

    [Fact]
    public async Task TerminalChat_DeleteMyData_DeletesTheStatementPdfsToo()
    {
        var folder = Support.TempFolder.Create();
        var output = new StringWriter();
        await TerminalChat.RunAsync(["chat", "--as", "sara", "--PeerBot:DataFolder", folder],
            new StringReader("ja\npersonligt statement\nspring over\nJeg hedder Sara.\nfærdig\nspring over\nspring over\nspring over\nGem\nmine data\nslet mine data\nja\n"), output);

        var path = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"PDF: (\S+\.pdf)").Groups[1].Value;
        Assert.EndsWith("sara-statement-1.pdf", path);
        Assert.Contains("\"statementFiles\"", output.ToString());   // "mine data" lists it
        Assert.False(File.Exists(path), "the PDF is still there after \"slet mine data\"");
    }

    [Fact]
    public async Task TerminalChat_English_WelcomesThenNumbersTheChoices()
    {
        var (exit, output) = await ChatAsync("1\nhelp\n2\n", "--lang", "en");

        Assert.Equal(0, exit);
        Assert.Contains("PeerBot: Hi, and welcome.", output);
        Assert.Contains("PeerBot: May I keep your reflections, so you can find them again?", output);
        Assert.Contains("PeerBot: Thank you. You can change this any time", output);
        Assert.Contains("  1. What is PeerBot?", output);
        Assert.Contains("  2. Who can read this?", output);
        Assert.Contains("PeerBot: No person reads along here.", output);
    }

    [Fact]
    public async Task TerminalChat_TwoPeopleAndAClock_APeerSetsUpAGroupAndAParticipantJoinsAndAnswersAWeekLater()
    {
        var folder = Support.TempFolder.Create();
        async Task<string> AsAsync(string person, string now, string input)
        {
            var output = new StringWriter();
            Assert.Equal(0, await TerminalChat.RunAsync(["chat", "--as", person, "--now", now, "--PeerBot:DataFolder", folder], new StringReader(input), output));
            return output.ToString();
        }

        var peer = await AsAsync("peer", "2026-11-23 10:00", "ja\nopret gruppe\nTorsdagsgruppen\npå torsdag kl. 17\n1\nja\n");
        var code = System.Text.RegularExpressions.Regex.Match(peer, @"bruge koden (\w{4}-\w{4})\.").Groups[1].Value;
        var anna = await AsAsync("anna", "2026-11-24 09:00", $"ja\ndeltag\n{code}\nugens spørgsmål\n");
        var week = await AsAsync("anna", "2026-11-27 12:00", "ugens spørgsmål\n");

        Assert.Contains("med første mødegang torsdag d. 26. november 2026 kl. 17.00", peer);
        Assert.Contains("PeerBot: Velkommen til \"Torsdagsgruppen\"", anna);
        Assert.Contains("PeerBot: Det første spørgsmål fra \"Torsdagsgruppen\" kommer dagen efter første mødegang", anna);
        Assert.Contains("PeerBot: Her er ugens spørgsmål fra \"Torsdagsgruppen\"", week);
        Assert.DoesNotContain("Hej og velkommen", week);   // a later sitting goes on; only the first installs
        Assert.Contains("(Velkommen tilbage.", week);
    }

    [Fact]
    public async Task TerminalChat_NoLanguageGiven_SpeaksDanish()
    {
        var (_, output) = await ChatAsync("ja\nhjælp\n1\n");

        Assert.Contains("PeerBot: Hej og velkommen.", output);
        Assert.True(output.Contains("PeerBot: Jeg er en del af jeres gruppeforløb."), output);
    }

    [Fact]
    public async Task TerminalChat_NumberWithoutChoices_IsAnOrdinaryMessage()
    {
        var (_, output) = await ChatAsync("no\n7\n", "--lang", "en");

        Assert.Contains("PeerBot: I'm PeerBot", output);
    }

    [Fact]
    public async Task TerminalChat_UnknownLanguage_ExitsWithUsage()
    {
        var (exit, output) = await ChatAsync("", "--lang", "de");

        Assert.Equal(2, exit);
        Assert.Contains("--lang takes one of: da, en", output);
    }
}

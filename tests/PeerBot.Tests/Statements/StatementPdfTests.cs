using System.Diagnostics;
using System.Text.RegularExpressions;
using PeerBot.Bot.Statements;
using PeerBot.Dialogs.Statements;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Statements;

/// <summary>The A4 sheet, read back as a reader would: poppler's pdfinfo and pdftotext (installed by test.sh).</summary>
public sealed partial class StatementPdfTests
{
    private static StatementSheet Sheet(string importantWords) => new("Personligt statement", "3. april 2026", "Møde på jobcentret",
    [
        new("Sådan vil jeg introducere mig selv", "Jeg hedder Søren Ærø (58) og bor på Østerbro. 🌱"),
        new("Det er vigtigt for mig at", importantWords),
        new("Jeg vil gerne have hjælp til", "at få en hverdag med mere ro."),
        new("Så jeg kan", ""),
    ]);

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && errors.Length == 0, $"{tool}: {errors}");
        return output;
    }

    private static (string Info, string Text) ReadBack(byte[] pdf)
    {
        var path = Path.Combine(TempFolder.Create(), "statement.pdf");
        File.WriteAllBytes(path, pdf);
        return (Run("pdfinfo", path), Spaces().Replace(Run("pdftotext", "-enc", "UTF-8", path, "-"), " "));
    }

    [Fact]
    public void Sheet_Printed_IsOneA4PageWithEveryWordAndDanishLettersIntact()
    {
        var printed = StatementPdf.Print(Sheet("at blive hørt, før der bliver besluttet noget om mig."));

        var (info, text) = ReadBack(printed.Pdf!);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Matches(@"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info);
        foreach (var expected in new[] { "Personligt statement", "Møde på jobcentret - 3. april 2026", "Sådan vil jeg introducere mig selv",
                     "Jeg hedder Søren Ærø (58) og bor på Østerbro.", "at blive hørt, før der bliver besluttet noget om mig." })
            Assert.Contains(expected, text);
        // The part the member skipped is left off the page, not marked with a dash.
        Assert.DoesNotContain("Så jeg kan", text);
    }

    [Fact]
    public void Sheet_WithALoneSurrogate_StillPrintsEveryOtherWord()
    {
        var (_, text) = ReadBack(StatementPdf.Print(Sheet("at blive hørt \ud800 før der bliver besluttet noget.")).Pdf!);

        Assert.Contains("at blive hørt", text);
        Assert.Contains("før der bliver besluttet noget.", text);
    }

    [Fact]
    public void Sheet_WithLongText_ShrinksToStayOnOnePageWithoutCuttingAWord()
    {
        var words = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"ord{i}"));

        var (info, text) = ReadBack(StatementPdf.Print(Sheet(words)).Pdf!);

        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.All(Enumerable.Range(1, 300), i => Assert.Contains($" ord{i} ", " " + text + " "));
    }

    [Fact]
    public void Sheet_TooLongEvenInSmallType_NamesThePartToShorten()
    {
        var printed = StatementPdf.Print(Sheet(string.Join(' ', Enumerable.Repeat("meget lang tekst", 1500))));

        Assert.Null(printed.Pdf);
        Assert.Equal("Det er vigtigt for mig at", printed.TooLongSection);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

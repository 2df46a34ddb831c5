using System.Globalization;
using System.Text;
using PeerBot.Dialogs.Statements;

namespace PeerBot.Bot.Statements;

/// <summary>The printed sheet, or why it could not be made: the section that is too long to fit even in small type.</summary>
public sealed record PrintedSheet(byte[]? Pdf, string? TooLongSection);

/// <summary>
/// Prints a statement on one A4 page, written in-house: a PDF 1.4 file with the standard Courier fonts in the Windows
/// Latin-1 encoding, which every PDF reader has built in and which covers Danish letters (æ, ø, å). Courier's letters
/// are all equally wide, so lines are wrapped exactly without font metrics. Long text shrinks to fit, down to a
/// readable minimum; beyond that nothing is cut and the caller is told which section is too long. Characters the
/// encoding lacks (emoji) are left out rather than printed as boxes.
/// </summary>
public static class StatementPdf
{
    private const double PageWidth = 595.28;     // A4 in points
    private const double PageHeight = 841.89;
    private const double Margin = 56;            // about 2 cm
    private const double CourierAdvance = 0.6;   // every Courier glyph is 600/1000 of the font size wide
    private static readonly double[] BodySizes = [15, 14, 13, 12, 11, 10];   // points; 10 is the readable minimum
    private static readonly Encoding Latin1 = CodePagesEncoding();

    public static PrintedSheet Print(StatementSheet sheet)
    {
        foreach (var size in BodySizes)
        {
            if (Layout(sheet, size) is { } content)
                return new PrintedSheet(Document(content), null);
        }
        return new PrintedSheet(null, sheet.Sections.MaxBy(s => s.Words.Length)!.Heading);
    }

    /// <summary>The page's content stream at this size, or null when the sheet does not fit.</summary>
    private static string? Layout(StatementSheet sheet, double size)
    {
        var page = new StringBuilder();
        var y = PageHeight - Margin;
        bool Write(string text, string font, double fontSize, double spaceAfter)
        {
            var perLine = (int)Math.Floor((PageWidth - 2 * Margin) / (fontSize * CourierAdvance));
            foreach (var line in Wrap(Printable(text), perLine))
            {
                y -= fontSize * 1.3;
                if (y < Margin)
                    return false;
                page.Append(CultureInfo.InvariantCulture, $"BT /{font} {fontSize:0.##} Tf {Margin:0.##} {y:0.##} Td ({Escape(line)}) Tj ET\n");
            }
            y -= spaceAfter;
            return true;
        }

        var fits = Write(sheet.Title, "F2", size * 1.5, size * 0.3)
            && Write(sheet.Meeting is null ? sheet.Date : $"{sheet.Meeting} - {sheet.Date}", "F1", size, size);
        // A part the member skipped is left off the page.
        foreach (var section in sheet.Sections.Where(s => s.Words.Length > 0))
            fits = fits && Write(section.Heading, "F2", size, size * 0.2) && Write(section.Words, "F1", size, size * 0.9);
        return fits ? page.ToString() : null;
    }

    private static byte[] Document(string content)
    {
        var stream = Latin1.GetBytes(content);
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth.ToString(CultureInfo.InvariantCulture)} {PageHeight.ToString(CultureInfo.InvariantCulture)}] " +
                "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>",
        ];

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Ascii(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Ascii("%PDF-1.4\n");
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Ascii($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        offsets.Add(pdf.Position);
        Ascii($"6 0 obj\n<< /Length {stream.Length} >>\nstream\n");
        pdf.Write(stream);
        Ascii("\nendstream\nendobj\n");

        var xref = pdf.Position;
        Ascii($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Ascii($"{offset:D10} 00000 n \n");
        Ascii($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static IEnumerable<string> Wrap(string text, int perLine)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (candidate.Length <= perLine)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    yield return line;
                line = word;
                // A word longer than a line is broken where it must be.
                while (line.Length > perLine)
                {
                    yield return line[..perLine];
                    line = line[perLine..];
                }
            }
            yield return line;
        }
    }

    private static string Composed(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;   // a lone surrogate (possible in JSON, never in real typing) cannot be normalised: printed as it is
        }
    }

    /// <summary>Only what Windows Latin-1 can print: other characters (emoji, for one) are left out.</summary>
    private static string Printable(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in Composed(text).EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                kept.Append('\n');
                continue;
            }
            var bytes = rune.Value < 0x20 ? [] : Latin1.GetBytes(rune.ToString());
            if (bytes.Length == 1 && (bytes[0] != (byte)'?' || rune.Value == '?'))
                kept.Append(rune.ToString());
        }
        return kept.ToString();
    }

    private static string Escape(string line) => line.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }
}

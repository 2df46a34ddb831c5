namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Scores the crisis detector or the phrasing guard on a labelled TSV file (columns label, lang, text; a header
/// line is skipped), per language and overall. The last line printed is the overall result.
/// </summary>
public static class Evaluation
{
    /// <summary>The crisis detector: recall on "crisis" rows, false positives on "safe" rows. Returns the exit code.</summary>
    public static int Crisis(string path, TextWriter output)
    {
        var detector = new CrisisDetector();
        return Score(path, output, "crisis", "safe", text => detector.Detect(text) is not null, "crisis recall {0}, safe false positives {1}");
    }

    /// <summary>The phrasing guard: recall on "directive" rows, false positives on "nondirective" rows. Returns the exit code.</summary>
    public static int Phrasing(string path, TextWriter output)
    {
        var guard = new PhrasingGuard();
        return Score(path, output, "directive", "nondirective", text => guard.Check(text) is not null, "directive recall {0}, nondirective false positives {1}");
    }

    private static int Score(string path, TextWriter output, string positive, string negative, Func<string, bool> flags, string summary)
    {
        if (!File.Exists(path))
        {
            output.WriteLine($"No such file: {path}");
            return 2;
        }

        var rows = new List<(string Label, string Language, string Text)>();
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line, i + 1)))
        {
            var columns = line.Split('\t');
            if (columns.Length < 3 || number == 1 && columns[0] == "label")
                continue;
            if (columns[0] != positive && columns[0] != negative)
            {
                output.WriteLine($"{path}:{number}: label '{columns[0]}' is neither {positive} nor {negative}; skipped");
                continue;
            }
            rows.Add((columns[0], columns[1], string.Join('\t', columns.Skip(2))));
        }

        var results = rows.Select(r => (r.Label, r.Language, Flagged: flags(r.Text))).ToList();
        foreach (var language in results.Select(r => r.Language).Distinct().Order())
        {
            var mine = results.Where(r => r.Language == language).ToList();
            output.WriteLine($"{language}: {Line(mine, positive, negative, summary)} ({Counts(mine, positive, negative)})");
        }
        output.WriteLine($"overall: {Counts(results, positive, negative)}");
        output.WriteLine(Line(results, positive, negative, summary));
        return 0;
    }

    private static string Line(List<(string Label, string Language, bool Flagged)> results, string positive, string negative, string summary) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, summary,
            Percent(results.Count(r => r.Label == positive && r.Flagged), results.Count(r => r.Label == positive)),
            Percent(results.Count(r => r.Label == negative && r.Flagged), results.Count(r => r.Label == negative)));

    private static string Counts(List<(string Label, string Language, bool Flagged)> results, string positive, string negative) =>
        $"{results.Count(r => r.Label == positive && r.Flagged)}/{results.Count(r => r.Label == positive)} {positive} flagged, " +
        $"{results.Count(r => r.Label == negative && r.Flagged)}/{results.Count(r => r.Label == negative)} {negative} flagged";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "%";
}

using System.Globalization;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Scores the crisis detector or the phrasing guard on labelled sentences: a TSV file (columns label, lang, text) or a
/// folder of them, one file per category. It prints the rules alone, the model alone, and both together, per
/// language; with <c>--misses</c> every miss and false alarm with its category and what flagged it. The last line
/// printed is the overall result of both together.
/// </summary>
public static class Evaluation
{
    /// <summary>The crisis detector: recall on "crisis" rows, false positives on "safe" rows. Returns the exit code.</summary>
    public static int Crisis(string path, TextWriter output, bool listMisses = false) =>
        Score(new CrisisDetector().Detection, path, output, listMisses, "crisis", "safe", "crisis recall {0}, safe false positives {1}");

    /// <summary>The phrasing guard: recall on "directive" rows, false positives on "nondirective" rows. Returns the exit code.</summary>
    public static int Phrasing(string path, TextWriter output, bool listMisses = false) =>
        Score(new PhrasingGuard().Detection, path, output, listMisses, "directive", "nondirective", "directive recall {0}, nondirective false positives {1}");

    /// <summary>Runs "eval-crisis PATH [--misses]" or "eval-phrasing PATH [--misses]".</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var path = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var misses = args.Contains("--misses");
        if (path is null)
        {
            output.WriteLine($"Usage: {args[0]} FILE.tsv|FOLDER [--misses]");
            return 2;
        }
        return args[0] == "eval-crisis" ? Crisis(path, output, misses) : Phrasing(path, output, misses);
    }

    private static int Score(SafetyCheck check, string path, TextWriter output, bool listMisses, string positive, string negative, string summary)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            output.WriteLine($"No such file or folder: {path}");
            return 2;
        }

        var results = new List<Result>();
        foreach (var row in LabelledCorpus.Read(path))
        {
            if (row.Label != positive && row.Label != negative)
            {
                output.WriteLine($"{row.Source}: label '{row.Label}' is neither {positive} nor {negative}; skipped");
                continue;
            }
            var reading = check.Rules.Read(row.Text);
            var rule = check.Rules.FirstMatch(reading)?.Id;
            var byModel = check.Model?.Flags(reading) == true;
            results.Add(new Result(row, row.Label == positive, rule, byModel));
        }

        if (listMisses)
        {
            foreach (var miss in results.Where(r => r.IsPositive && !r.Flagged))
                output.WriteLine($"missed [{miss.Row.Category}, {miss.Row.Language}] {miss.Row.Text}");
            foreach (var alarm in results.Where(r => !r.IsPositive && r.Flagged))
                output.WriteLine($"false alarm [{alarm.Row.Category}, {alarm.Row.Language}, {alarm.Rule ?? SafetyCheck.ModelId}] {alarm.Row.Text}");
        }
        foreach (var language in results.Select(r => r.Row.Language).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = results.Where(r => r.Row.Language == language).ToList();
            output.WriteLine($"{language}: {Line(mine, r => r.Flagged, summary)} (rules {Line(mine, r => r.Rule is not null, "{0}/{1}")}, model {Line(mine, r => r.ByModel, "{0}/{1}")}; {Counts(mine, positive, negative)})");
        }
        output.WriteLine($"overall: rules {Line(results, r => r.Rule is not null, "{0}/{1}")}, model {Line(results, r => r.ByModel, "{0}/{1}")}; {Counts(results, positive, negative)}");
        output.WriteLine(Line(results, r => r.Flagged, summary));
        return 0;
    }

    private sealed record Result(LabelledRow Row, bool IsPositive, string? Rule, bool ByModel)
    {
        public bool Flagged => Rule is not null || ByModel;
    }

    private static string Line(List<Result> results, Func<Result, bool> flagged, string format) =>
        string.Format(CultureInfo.InvariantCulture, format,
            Percent(results.Count(r => r.IsPositive && flagged(r)), results.Count(r => r.IsPositive)),
            Percent(results.Count(r => !r.IsPositive && flagged(r)), results.Count(r => !r.IsPositive)));

    private static string Counts(List<Result> results, string positive, string negative) =>
        $"{results.Count(r => r.IsPositive && r.Flagged)}/{results.Count(r => r.IsPositive)} {positive} flagged, " +
        $"{results.Count(r => !r.IsPositive && r.Flagged)}/{results.Count(r => !r.IsPositive)} {negative} flagged";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

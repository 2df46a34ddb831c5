using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using PeerBot.Dialogs.Safety;

/// <summary>
/// The time one message takes through each detector (rules and model), single-threaded as a turn runs it: every
/// sentence of the safety corpus, and odd input (control characters, right-to-left text, only emoji). Prints p50,
/// p99 and the slowest per detector, and apart from those two 20,000-character reflections, 200 times.
/// </summary>
static class SafetyBench
{
    public static int Run(string corpusFolder, int rounds, string? results)
    {
        var corpus = LabelledCorpus.Read(corpusFolder);
        var messages = corpus.Select(r => r.Text).Concat(OddInput()).ToList();
        string[] longMessages = [LongReflection(corpus, withCrisis: true), LongReflection(corpus, withCrisis: false)];
        var crisis = new CrisisDetector();
        var guard = new PhrasingGuard();
        var lines = new List<string>();
        foreach (var (name, check) in new (string, Func<string, string?>)[] { ("crisis", crisis.Detect), ("phrasing", guard.Check) })
        {
            foreach (var text in messages.Take(200).Concat(Enumerable.Repeat(longMessages, 20).SelectMany(m => m)))
                check(text);   // warm-up: the stemmers' caches, and the JIT's optimised code for short and long messages alike
            var times = new List<double>(messages.Count * rounds);
            for (var round = 0; round < rounds; round++)
                times.AddRange(messages.Select(text => Time(check, text)));
            var longTimes = Enumerable.Range(0, 200).Select(i => Time(check, longMessages[i % 2])).Order().ToArray();
            times.Sort();
            var line = $"| {DateTime.UtcNow:yyyy-MM-dd} | {name} | {times.Count} | {P(times, 0.50):F3} ms | {P(times, 0.99):F3} ms | {times[^1]:F2} ms | " +
                $"{P(longTimes, 0.50):F2} ms | {P(longTimes, 0.99):F2} ms | {Machine()} |";
            Console.WriteLine(line);
            lines.Add(line);
        }
        if (results is not null)
            File.AppendAllLines(results, lines);
        return 0;
    }

    private static double Time(Func<string, string?> check, string text)
    {
        var started = Stopwatch.GetTimestamp();
        check(text);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double P(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";

    /// <summary>
    /// A member's long reflection of 20,000 characters: safe messages of the corpus (Danish and English, in the
    /// corpus's many voices, each once), with or without one crisis sentence in the middle. Without it, every rule
    /// and the model read all of it, as they do for a long message that is fine.
    /// </summary>
    private static string LongReflection(IReadOnlyList<LabelledRow> corpus, bool withCrisis)
    {
        var safe = corpus.Where(r => r.Label is "safe" or "nondirective").Select(r => r.Text.Trim().TrimEnd('.') + ".").ToList();
        var text = new StringBuilder();
        for (var i = 0; text.Length < 20_000; i++)
        {
            text.Append(safe[i * 7 % safe.Count]).Append(' ');
            if (withCrisis && i == 120)
                text.Append("Nogle gange tænker jeg, at det ville være lettere ikke at være her mere. ");
        }
        return text.ToString(0, 20_000);
    }

    private static IEnumerable<string> OddInput() =>
    [
        "\u0000\u0001\u0002 jeg \u0007\u001b[31m vil dø \u0000",
        "\u202Eeid ot tnaw I\u202C",
        "أريد أن أموت",
        "אני רוצה למות",
        "😭😭😭😭😭😭😭😭😭😭",
        "🙂",
        new string('a', 5000),
        new string('!', 5000),
        string.Concat(Enumerable.Repeat("\uD83D\uDE00\u200D", 2000)),
        "\uD800 broken surrogate \uDC00",
        "",
        "   \t\r\n  ",
    ];
}

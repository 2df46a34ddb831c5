using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using PeerBot.Dialogs.Safety;

/// <summary>
/// The time one message takes through each detector (rules and model), single-threaded as a turn runs it: every
/// sentence of the safety corpus, a 20,000-character reflection, and odd input (control characters, right-to-left
/// text, only emoji). Prints p50, p99 and the slowest per detector, and the long message on its own.
/// </summary>
static class SafetyBench
{
    public static int Run(string corpusFolder, int rounds, string? results)
    {
        var messages = LabelledCorpus.Read(corpusFolder).Select(r => r.Text).Concat(OddInput()).ToList();
        var longMessage = LongReflection();
        var crisis = new CrisisDetector();
        var guard = new PhrasingGuard();
        var lines = new List<string>();
        foreach (var (name, check) in new (string, Func<string, string?>)[] { ("crisis", crisis.Detect), ("phrasing", guard.Check) })
        {
            foreach (var text in messages.Take(200))
                check(text);   // warm-up: the model's engine, the stemmers' caches, JIT
            var times = new List<double>(messages.Count * rounds);
            for (var round = 0; round < rounds; round++)
                times.AddRange(messages.Select(text => Time(check, text)));
            var longTimes = Enumerable.Range(0, 50).Select(_ => Time(check, longMessage)).Order().ToArray();
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

    // A member's long reflection: ordinary sentences, Danish and English, with one crisis sentence in the middle.
    private static string LongReflection()
    {
        string[] sentences =
        [
            "I dag var jeg en tur i skoven med min søster, og vi talte om gamle dage.",
            "The group on Tuesday felt calmer than last week, and I said a bit more than usual.",
            "Jeg har lavet suppe til hele ugen og ryddet op i kælderen.",
            "Sometimes I wonder whether the others notice when I go quiet.",
        ];
        var text = new StringBuilder();
        for (var i = 0; text.Length < 20_000; i++)
        {
            text.Append(sentences[i % sentences.Length]).Append(' ');
            if (i == 120)
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

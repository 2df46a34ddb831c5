using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Safety;
using PeerBot.Dialogs.Safety.Rules;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Safety;

/// <summary>
/// The crisis detector and the phrasing guard: their rules files, checked line by line, and their scores on the
/// project's corpus (dialogs/Safety/corpus): the development part they were tuned on, and the test part written
/// apart from the rules and never tuned to. The figures are floors that a change must not break; bench/SAFETY.md has
/// the measured ones.
/// </summary>
public sealed class SafetyRulesTests
{
    private static readonly string SafetyFolder = Path.Combine(RepoPaths.Root, "dialogs", "Safety");

    private static string Corpus(string detector, string part) => Path.Combine(SafetyFolder, "corpus", detector, part);

    public static TheoryData<string> Detectors => new() { "crisis", "phrasing" };

    [Theory]
    [MemberData(nameof(Detectors))]
    public void RulesFile_EveryRule_MatchesItsSentencesAndNotItsCounterExamples(string detector)
    {
        var book = RuleBook.LoadBuiltIn(detector + ".rules");

        var wrong = book.Rules
            .SelectMany(rule => rule.Examples.Select(example => (rule, example)))
            .Where(x => book.Matches(x.rule, x.example.Text) != x.example.MustMatch)
            .Select(x => $"{detector}.rules:{x.example.LineNumber} ({x.rule.Id}) {(x.example.MustMatch ? "+" : "-")} {x.example.Text}")
            .ToList();

        Assert.True(book.Rules.Count > 20, $"{detector}.rules has only {book.Rules.Count} rules");
        Assert.True(wrong.Count == 0, "Examples that do not hold:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("concept NEG\n  da: ikke\nconcept SELF\n  da: =jeg\nconcept OTHER\n  da: =han\nrule x: NOPE\n  + a\n  - b\n", "unknown concept 'NOPE'")]
    [InlineData("concept NEG\n  da: ikke\nconcept SELF\n  da: =jeg\nconcept OTHER\n  da: =han\nrule x: SELF\n  + jeg\n", "needs a sentence it must match")]
    [InlineData("concept NEG\n  da: ab*\n", "3 letters or more")]
    [InlineData("concept NEG\n  da: ikke\nwhat is this\n", "test.rules:3")]
    public void RulesFile_Mistake_StopsWithTheLineNamed(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => RuleBook.Parse(text, "test.rules"));

        Assert.Contains(message, error.Message);
    }

    /// <summary>
    /// Floors per detector and part: recall at least, false alarms at most. A new round of harder sentences in dev
    /// lowers the dev figures by itself (round 7 did, 2026-11-23); the floors then follow, as SAFETY.md records.
    /// </summary>
    public static TheoryData<string, string, double, double> Floors => new()
    {
        { "crisis", "dev", 0.89, 0.045 },
        { "crisis", "test", 0.83, 0.095 },
        { "phrasing", "dev", 0.92, 0.025 },
        { "phrasing", "test", 0.92, 0.07 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void Detector_LabelledCorpus_KeepsItsMeasuredRecallAndFalseAlarms(string detector, string part, double minRecall, double maxFalseAlarms)
    {
        var check = detector == "crisis" ? new CrisisDetector().Detection : new PhrasingGuard().Detection;
        var positive = detector == "crisis" ? "crisis" : "directive";
        var rows = LabelledCorpus.Read(Corpus(detector, part));

        foreach (var language in new[] { "da", "en" })
        {
            var mine = rows.Where(r => r.Language == language).ToList();
            var positives = mine.Where(r => r.Label == positive).ToList();
            var negatives = mine.Where(r => r.Label != positive).ToList();
            var recall = (double)positives.Count(r => check.Find(r.Text) is not null) / positives.Count;
            var falseAlarms = (double)negatives.Count(r => check.Find(r.Text) is not null) / negatives.Count;

            Assert.True(positives.Count >= 150 && negatives.Count >= 150, $"{detector}/{part}/{language}: too few sentences ({positives.Count}/{negatives.Count})");
            Assert.True(recall >= minRecall, $"{detector}/{part}/{language}: recall {recall:P1} < {minRecall:P0}");
            Assert.True(falseAlarms <= maxFalseAlarms, $"{detector}/{part}/{language}: false alarms {falseAlarms:P1} > {maxFalseAlarms:P0}");
        }
    }

    [Fact]
    public void Corpus_EachDetector_HasAtLeast1500SentencesInTwoLanguagesAndNoSentenceInBothParts()
    {
        foreach (var detector in new[] { "crisis", "phrasing" })
        {
            var dev = LabelledCorpus.Read(Corpus(detector, "dev"));
            var test = LabelledCorpus.Read(Corpus(detector, "test"));
            var shared = dev.Select(r => r.Text.Trim().ToLowerInvariant()).Intersect(test.Select(r => r.Text.Trim().ToLowerInvariant())).ToList();

            Assert.True(dev.Count + test.Count >= 1500, $"{detector}: {dev.Count + test.Count} sentences");
            Assert.InRange(dev.Concat(test).Count(r => r.Language == "da") / (double)(dev.Count + test.Count), 0.45, 0.55);
            Assert.True(shared.Count == 0, $"{detector}: in both parts: {string.Join(" | ", shared)}");
        }
    }

    [Fact]
    public void SafetyModels_RebuiltFromTheDevelopmentCorpus_AreTheCommittedOnes()
    {
        foreach (var (name, _, _) in SafetyModelBuilder.Detectors)
        {
            var (model, info) = SafetyModelBuilder.Build(SafetyFolder, name);
            var committed = ModelInfo.FromJson(File.ReadAllText(Path.Combine(SafetyFolder, "Models", name + ".model.json")));
            var rules = RuleBook.LoadBuiltIn(name + ".rules");
            var rebuilt = TextModel.Load(new MemoryStream(model), info);
            var shipped = (name == "crisis" ? new CrisisDetector().Detection : new PhrasingGuard().Detection).Model!;

            Assert.Equal(committed, info);
            foreach (var row in LabelledCorpus.Read(Corpus(name, "test")).Take(200))
            {
                var reading = rules.Read(row.Text);
                Assert.Equal(shipped.Probability(reading), rebuilt.Probability(reading), 4);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Model_ScoredFromItsWeights_GivesWhatMlNetGives(string detector)
    {
        var rules = RuleBook.LoadBuiltIn(detector + ".rules");
        var shipped = (detector == "crisis" ? new CrisisDetector().Detection : new PhrasingGuard().Detection).Model!;
        string[] odd = ["", "it's 18.30, ok?!", "jeg... vil - ikke; (mere)", "Łukasz Şule Ærø", "😭😭 kl. 17", "\u202Eeid ot tnaw I"];
        var readings = LabelledCorpus.Read(Corpus(detector, "dev")).Concat(LabelledCorpus.Read(Corpus(detector, "test")))
            .Select(row => row.Text).Concat(odd).Select(rules.Read).ToList();
        using var model = File.OpenRead(Path.Combine(SafetyFolder, "Models", detector + ".model.zip"));

        var byEngine = TextModel.EngineProbabilities(model, readings).ToList();

        var differences = readings.Select((reading, i) => Math.Abs(shipped.Probability(reading) - byEngine[i])).ToList();
        Assert.True(differences.Max() < 1e-5, $"{detector}: {differences.Count(d => d >= 1e-5)} of {readings.Count} messages differ, by up to {differences.Max():F6}");
        Assert.Contains(byEngine, p => p >= shipped.Threshold);   // the comparison covers flagged messages too
    }

    [Theory]
    [InlineData("Jeg er dødtræt i dag.")]
    [InlineData("Jeg døde næsten af grin.")]
    [InlineData("I could kill for a coffee.")]
    [InlineData("I'm dying to see you.")]
    [InlineData("Vi skal skære ned på udgifterne.")]
    [InlineData("My boss will kill me if I'm late.")]
    [InlineData("Min mormor døde sidste år, og jeg savner hende.")]
    [InlineData("We talked about suicide prevention in the group.")]
    public void CrisisDetector_EverydayWordsOfDeath_IsNotACrisis(string text) => Assert.Null(new CrisisDetector().Detect(text));

    [Theory]
    [InlineData("I took too many pills on purpose")]
    [InlineData("There's no point in living anymore")]
    [InlineData("Jeg har lyst til at gøre skade på min nabo")]
    [InlineData("Jeg ønsker at jeg var død")]
    [InlineData("jeg vil bare do")]
    [InlineData("I’m going to end it tonight")]
    [InlineData("jeg har SÅÅÅ meget lyst til at skaere i mig selv")]
    [InlineData("i morgen er jeg her ikke")]
    public void CrisisDetector_CrisisInWordsOfItsOwn_IsFound(string text) => Assert.NotNull(new CrisisDetector().Detect(text));

    [Theory]
    [InlineData("Du skal ikke svare, hvis du ikke har lyst.")]
    [InlineData("You don't have to answer if you don't want to.")]
    [InlineData("Hvad tænker du selv, at du skal gøre nu?")]
    [InlineData("Du skriver, at lægen sagde, at du skulle hvile dig.")]
    [InlineData("Du kan skrive 'pause' når som helst.")]
    [InlineData("Du må gerne springe over.")]
    public void PhrasingGuard_PermissionQuestionOrReportedSpeech_Passes(string text) => Assert.Null(new PhrasingGuard().Check(text));

    [Theory]
    [InlineData("Du bør sove mere.", "obligation")]
    [InlineData("Have you considered a walk?", "suggestion-question")]
    [InlineData("Det lyder som en depression.", "diagnosis-label")]
    [InlineData("Tag en dyb indånding.", "imperative")]
    [InlineData("Everything will be fine.", "minimising")]
    [InlineData("Perhaps you could talk to your GP", "suggestion-hedged")]
    [InlineData("Måske skulle du prøve yoga", "obligation")]
    public void PhrasingGuard_Directive_NamesTheRule(string text, string rule) => Assert.Equal(rule, new PhrasingGuard().Check(text));

    /// <summary>
    /// Button labels name the bot's own options ("Slet", "Send det nu"), and some lines are pieces of longer ones
    /// ("open now", "Mon"): they are read as the bot's own words, not as sentences to a member.
    /// </summary>
    private static bool IsLabelOrFragment(string dialog, string id) =>
        id.Contains('.') && !id.EndsWith(".retry", StringComparison.Ordinal) && !id.EndsWith(".more", StringComparison.Ordinal)
        || (dialog, id) is ("engine", "yes" or "no") or ("companion", "open-private-chat") or ("crisis", "resume" or "open-now" or "closed-now" or "always-open" or "daily")
        || dialog == "companion" && id.StartsWith("choice-", StringComparison.Ordinal)
        || dialog == "crisis" && id.StartsWith("day-", StringComparison.Ordinal);

    [Fact]
    public void ContentFiles_EveryLineInEveryLanguage_PassesTheGuard()
    {
        var guard = new PhrasingGuard();
        var content = ContentCatalog.LoadBuiltIn([], TestDialogs.Content);

        var lines = content.Files
            .SelectMany(file => file.Lines.Select(line => (file.Dialog, File: $"{file.Dialog}.{file.Language}.json", Id: line.Key,
                Text: System.Text.RegularExpressions.Regex.Replace(line.Value, @"\{[^}]*\}", "…"))))
            .Where(line => !IsLabelOrFragment(line.Dialog, line.Id))
            .ToList();
        var directive = lines
            .Select(line => (line.File, line.Id, Rule: guard.Check(line.Text)))
            .Where(line => line.Rule is not null)
            .Select(line => $"{line.File} '{line.Id}' ({line.Rule})")
            .ToList();

        Assert.True(lines.Count > 300, $"only {lines.Count} lines were read");
        Assert.True(directive.Count == 0, "Lines that read as advice: " + string.Join("; ", directive));
    }

    // Not theory data: xUnit would repair the lone surrogates on the way, and the test would see valid text.
    private static readonly string[] OddInput =
    [
        "",
        "   ",
        "\u0000\u0001\u0007\u001b[31m",
        "😀😀😀🔥🔥",
        "مرحبا كيف حالك אני רוצה",
        "\ud800 lone surrogate \udc00",
        "\uD800 broken surrogate \uDC00",
        "jeg er glad \udc00",
        "\u202Eeid ot tnaw I\u202C",
        "a\u0301\u0301\u0301\u200b\u200d\ufeff",
        new string('x', 20_000),
        string.Concat(Enumerable.Repeat("Jeg havde en god uge. ", 1_000)),
        "!!!???...,,,;;;---'''\"\"\"///[[[]]]",
    ];

    [Fact]
    public void Reader_EmojiOfMeans_AreReadAsTheirWords_OtherEmojiAsNothing()
    {
        var book = RuleBook.LoadBuiltIn("crisis.rules");
        IEnumerable<string> ConceptsOf(string text) => book.Read(text).Concepts.SelectMany(c => c).Select(o => o.Concept);

        Assert.Contains("WEAPON", ConceptsOf("🔪 i nat"));
        Assert.Contains("PILLS", ConceptsOf("Farvel. 💊💊💊"));
        Assert.Contains("HANG", ConceptsOf("🪢 ready."));
        Assert.DoesNotContain(book.Read("😭🙂❤️ 💀").Sentences, s => s.Tokens.Any(t => t.IsWord));
    }

    [Fact]
    public void Detectors_OddInput_AnswerWithoutThrowing()
    {
        foreach (var text in OddInput)
        {
            Assert.Null(new CrisisDetector().Detect(text));
            _ = new PhrasingGuard().Check(text);
        }
    }

    [Theory]
    [InlineData("crisis")]
    [InlineData("phrasing")]
    public void Evaluation_OnAFolder_EndsWithTheSummaryLineAndListsMissesWithTheirCategory(string which)
    {
        var folder = Corpus(which, "test");
        var output = new StringWriter();

        var exit = which == "crisis" ? Evaluation.Crisis(folder, output, listMisses: true) : Evaluation.Phrasing(folder, output, listMisses: true);

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(0, exit);
        Assert.Matches(which == "crisis" ? @"^crisis recall \d+\.\d%, safe false positives \d+\.\d%$" : @"^directive recall \d+\.\d%, nondirective false positives \d+\.\d%$", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("da: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("en: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("missed [", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluation_MissingFile_SaysSo()
    {
        var output = new StringWriter();

        Assert.Equal(2, Evaluation.Crisis("no-such-file.tsv", output));
        Assert.Contains("No such file", output.ToString());
    }
}

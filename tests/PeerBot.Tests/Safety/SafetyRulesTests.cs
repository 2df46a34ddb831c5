using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Safety;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Safety;

/// <summary>The crisis detector and the phrasing guard against labelled sentences: the team's corpus and our own held-out file.</summary>
public sealed class SafetyRulesTests
{
    private static readonly string CrisisCorpus = Path.Combine(RepoPaths.Shared, "corpus", "crisis.tsv");
    private static readonly string PhrasingCorpus = Path.Combine(RepoPaths.Shared, "corpus", "phrasing.tsv");
    private static readonly string CrisisHeldOut = Path.Combine(AppContext.BaseDirectory, "Safety", "crisis-held-out.tsv");
    private static readonly string PhrasingHeldOut = Path.Combine(AppContext.BaseDirectory, "Safety", "phrasing-held-out.tsv");

    private static IEnumerable<(string Label, string Language, string Text)> Rows(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split('\t')).Where(c => c.Length >= 3).Select(c => (c[0], c[1], c[2]));

    public static TheoryData<string> CrisisFiles => new() { CrisisCorpus, CrisisHeldOut };

    public static TheoryData<string> PhrasingFiles => new() { PhrasingCorpus, PhrasingHeldOut };

    [Theory]
    [MemberData(nameof(CrisisFiles))]
    public void CrisisDetector_LabelledSentences_FindsEveryCrisisWithFewFalseAlarms(string file)
    {
        var detector = new CrisisDetector();
        var rows = Rows(file).ToList();

        var missed = rows.Where(r => r.Label == "crisis" && detector.Detect(r.Text) is null).Select(r => r.Text).ToList();
        var falseAlarms = rows.Where(r => r.Label == "safe" && detector.Detect(r.Text) is not null).ToList();

        Assert.True(missed.Count == 0, $"{Path.GetFileName(file)}: missed {string.Join(" | ", missed)}");
        Assert.True(falseAlarms.Count <= 0.10 * rows.Count(r => r.Label == "safe"), $"{Path.GetFileName(file)}: {falseAlarms.Count} false alarms");
    }

    [Theory]
    [MemberData(nameof(PhrasingFiles))]
    public void PhrasingGuard_LabelledSentences_CatchesDirectivesAndLetsInvitationsThrough(string file)
    {
        var guard = new PhrasingGuard();
        var rows = Rows(file).ToList();
        var directives = rows.Where(r => r.Label == "directive").ToList();
        var invitations = rows.Where(r => r.Label == "nondirective").ToList();

        var missed = directives.Where(r => guard.Check(r.Text) is null).Select(r => r.Text).ToList();
        var blocked = invitations.Select(r => (r.Text, Rule: guard.Check(r.Text))).Where(r => r.Rule is not null).ToList();

        Assert.True(missed.Count <= 0.03 * directives.Count, $"{Path.GetFileName(file)}: missed {string.Join(" | ", missed)}");
        Assert.True(blocked.Count <= 0.03 * invitations.Count, $"{Path.GetFileName(file)}: blocked {string.Join(" | ", blocked.Select(b => $"{b.Text} ({b.Rule})"))}");
    }

    [Theory]
    [InlineData("Jeg er dødtræt i aften.")]
    [InlineData("Jeg døde næsten af grin.")]
    [InlineData("I could kill for a coffee.")]
    [InlineData("I'm dying to see you.")]
    [InlineData("Vi skal skære ned på udgifterne.")]
    public void CrisisDetector_EverydayIdiom_IsNotACrisis(string text) => Assert.Null(new CrisisDetector().Detect(text));

    [Theory]
    [InlineData("Du skal ikke svare, hvis du ikke har lyst.")]
    [InlineData("You don't have to answer if you don't want to.")]
    [InlineData("Hvad tænker du selv, at du skal gøre nu?")]
    public void PhrasingGuard_PermissionOrOpenQuestion_Passes(string text) => Assert.Null(new PhrasingGuard().Check(text));

    [Theory]
    [InlineData("Du bør sove mere.", "obligation-da")]
    [InlineData("Have you considered a walk?", "suggestion-en")]
    [InlineData("Det lyder som en depression.", "diagnosis-da")]
    [InlineData("Tag en dyb indånding.", "imperative-da")]
    [InlineData("As someone who has been there, I know.", "false-experience-en")]
    [InlineData("Everything will be fine.", "minimising-en")]
    public void PhrasingGuard_Directive_NamesTheRule(string text, string rule) => Assert.Equal(rule, new PhrasingGuard().Check(text));

    [Fact]
    public void ContentFiles_EveryLineInEveryLanguage_PassesTheGuard()
    {
        var guard = new PhrasingGuard();
        var content = ContentCatalog.LoadBuiltIn([], TestDialogs.Content);

        var directive = content.Files
            .SelectMany(file => file.Lines.Select(line => (File: $"{file.Dialog}.{file.Language}.json", Id: line.Key, Rule: guard.Check(line.Value))))
            .Where(line => line.Rule is not null)
            .Select(line => $"{line.File} '{line.Id}' ({line.Rule})")
            .ToList();

        Assert.True(directive.Count == 0, "Lines that read as advice: " + string.Join("; ", directive));
        Assert.Contains(content.Files, f => f.Dialog == "crisis");
    }

    [Theory]
    [InlineData("crisis")]
    [InlineData("phrasing")]
    public void Evaluation_OnTheCorpus_EndsWithTheSummaryLine(string which)
    {
        var output = new StringWriter();

        var exit = which == "crisis" ? Evaluation.Crisis(CrisisCorpus, output) : Evaluation.Phrasing(PhrasingCorpus, output);

        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(0, exit);
        Assert.Equal(which == "crisis" ? "crisis recall 100.0%, safe false positives 0.0%" : "directive recall 100.0%, nondirective false positives 0.0%", lines[^1].TrimEnd());
        Assert.StartsWith("da: ", lines[0]);
        Assert.StartsWith("en: ", lines[1]);
    }

    [Fact]
    public void Evaluation_MissingFile_SaysSo()
    {
        var output = new StringWriter();

        Assert.Equal(2, Evaluation.Crisis("no-such-file.tsv", output));
        Assert.Contains("No such file", output.ToString());
    }
}

using Microsoft.AspNetCore.DataProtection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Language;
using PeerBot.Dialogs.Privacy;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Dialogs;

/// <summary>Commands as people type them: exactly, or a slip of the keyboard away, which is asked about.</summary>
public sealed class CommandsTests
{
    private static readonly Commands All = new(
        [.. ProductDialogs.All(new GroupDirectory(new InMemoryStore(), new EphemeralDataProtectionProvider())),
            new LanguageDialog(), new ConsentDialog(), new DeleteDataDialog()]);

    [Theory]
    [InlineData("opret grupe", "opret gruppe")]
    [InlineData("slet mine dat", "slet mine data")]
    [InlineData("mine refleksionr", "mine refleksioner")]
    [InlineData("mine refelksioner", "mine refleksioner")]
    [InlineData("paamind mig", "påmind mig")]
    [InlineData("ugens sporgsmal", "ugens spørgsmål")]
    [InlineData("personligt statment", "personligt statement")]
    [InlineData("my reflektions", "my reflections")]
    [InlineData("creat group", "create group")]
    [InlineData("delete my dta", "delete my data")]
    [InlineData("hjælpp", "hjælp")]
    public void Near_ASlipAwayFromACommand_IsThatCommand(string typed, string meant) =>
        Assert.Equal(meant, All.Near(Words.Normalize(typed))?.Phrase);

    [Theory]
    [InlineData("ja")]
    [InlineData("nej tak")]
    [InlineData("færdig")]
    [InlineData("stof")]
    [InlineData("Torsdagsgruppen")]
    [InlineData("Mandagsgruppen")]
    [InlineData("min mor")]
    [InlineData("at få ro")]
    [InlineData("tirsdag")]
    [InlineData("jeg vil gerne oprette en gruppe for mine kolleger i næste uge")]
    public void Near_OrdinaryAnswers_AreNoCommand(string typed) =>
        Assert.Null(All.Near(Words.Normalize(typed)));

    [Fact]
    public void Exact_IsOnlyTheWholeCommand()
    {
        Assert.Equal("opret gruppe", All.Exact(Words.Normalize("Opret gruppe!"))?.Phrase);
        Assert.Null(All.Exact(Words.Normalize("opret grupe")));
    }
}

/// <summary>A button's label can be typed too: none may be a word that works everywhere, or typing it would do that instead.</summary>
public sealed class ChoiceLabelTests
{
    [Fact]
    public void ChoiceLabels_InEveryLanguage_AreNoGlobalWord()
    {
        IReadOnlyList<IDialog> dialogs =
            [.. ProductDialogs.All(new GroupDirectory(new InMemoryStore(), new EphemeralDataProtectionProvider())), new LanguageDialog(), new ConsentDialog(), new DeleteDataDialog()];
        var content = PeerBot.Dialogs.Content.ContentCatalog.LoadBuiltIn(dialogs.SelectMany(DialogEngine.LinesUsedBy), TestDialogs.Content);
        var labels = dialogs
            .SelectMany(d => d.Steps.OfType<ChooseStep>().SelectMany(step => step.Options.Select(option => new PeerBot.Dialogs.Content.LineRef(d.Id.Value, $"{step.Id}.{option}"))))
            .SelectMany(line => PeerBot.Dialogs.Content.Languages.All.Select(language => (line, label: content.Line(line, language))))
            .ToList();

        Assert.True(labels.Count > 50, $"only {labels.Count} labels found");
        Assert.All(labels, l => Assert.True(Words.Global(l.label) == GlobalWord.None, $"{l.line.Dialog}/{l.line.Id}: \"{l.label}\" is a global word"));
    }
}

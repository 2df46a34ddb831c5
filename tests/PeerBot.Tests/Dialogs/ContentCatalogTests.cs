using PeerBot.Dialogs.Companion;
using PeerBot.Dialogs.Content;

namespace PeerBot.Tests.Dialogs;

public sealed class ContentCatalogTests
{
    private static string File(string language, string lines, string dialog = "demo") =>
        $$"""{ "dialog": "{{dialog}}", "version": 1, "language": "{{language}}", "lines": { {{lines}} } }""";

    private static readonly LineRef Greeting = new("demo", "greeting");

    [Fact]
    public void ContentFiles_BuiltIn_HaveEveryLineTheCodeUsesInEveryLanguage()
    {
        var catalog = ContentCatalog.LoadBuiltIn(Companion.Lines);

        foreach (var language in Languages.All)
        {
            foreach (var line in Companion.Lines)
                Assert.False(string.IsNullOrWhiteSpace(catalog.Line(line, language)), $"{line} in {language}");
        }
    }

    [Fact]
    public void ContentFiles_LineMissingInOneLanguage_NamesTheFileAndLine()
    {
        var error = Assert.Throws<InvalidContentException>(() => ContentCatalog.Load(
            [("demo.da.json", File("da", "\"greeting\": \"Hej\", \"bye\": \"Farvel\"")), ("demo.en.json", File("en", "\"greeting\": \"Hi\""))],
            [Greeting]));

        Assert.Equal("demo.en.json: line 'bye' is missing (it is in demo.da.json)", error.Message);
    }

    [Fact]
    public void ContentFiles_LineTheCodeUsesIsMissing_NamesTheFileAndLine()
    {
        var error = Assert.Throws<InvalidContentException>(() => ContentCatalog.Load(
            [("demo.da.json", File("da", "\"bye\": \"Farvel\"")), ("demo.en.json", File("en", "\"bye\": \"Bye\""))],
            [Greeting]));

        Assert.Equal("demo.da.json: line 'greeting' is missing; the code uses it", error.Message);
    }

    [Fact]
    public void ContentFiles_LanguageFileMissing_StopsTheStart()
    {
        var error = Assert.Throws<InvalidContentException>(() => ContentCatalog.Load([("demo.da.json", File("da", "\"greeting\": \"Hej\""))], [Greeting]));

        Assert.Contains("demo.en.json: missing", error.Message);
    }

    [Fact]
    public void ContentFiles_PlaceholdersDiffer_NamesBoth()
    {
        var error = Assert.Throws<InvalidContentException>(() => ContentCatalog.Load(
            [("demo.da.json", File("da", "\"greeting\": \"Hej {name}\"")), ("demo.en.json", File("en", "\"greeting\": \"Hi {nmae}\""))],
            [Greeting]));

        Assert.Equal("demo.en.json: line 'greeting' has placeholders {nmae} but demo.da.json has {name}", error.Message);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "dialog": "demo", "version": 1, "language": "de", "lines": { "greeting": "Hallo" } }""", "language 'de'")]
    [InlineData("""{ "dialog": "demo", "version": 0, "language": "da", "lines": { "greeting": "Hej" } }""", "\"version\" must be 1 or more")]
    [InlineData("""{ "dialog": "demo", "version": 1, "language": "da", "lines": { "greeting": " " } }""", "line 'greeting' is empty")]
    public void ContentFiles_Malformed_SayWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidContentException>(() => ContentCatalog.Load([("demo.da.json", json)], [Greeting]));

        Assert.StartsWith("demo.da.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Line_WithPlaceholder_IsFilledIn()
    {
        var catalog = ContentCatalog.Load(
            [("demo.da.json", File("da", "\"greeting\": \"Hej {name}\"")), ("demo.en.json", File("en", "\"greeting\": \"Hi {name}\""))],
            [Greeting]);

        Assert.Equal("Hi Kim", catalog.Line(Greeting, "en", ("name", "Kim")));
    }

    [Theory]
    [InlineData("da-DK", "da")]
    [InlineData("da", "da")]
    [InlineData("en-US", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("de-DE", "da")]
    [InlineData(null, "da")]
    public void Languages_FromTeamsLocale_DanishUnlessEnglish(string? locale, string expected) =>
        Assert.Equal(expected, Languages.FromLocale(locale));
}

using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Content;

/// <summary>
/// Every line PeerBot says, loaded from the content files (&lt;dialog&gt;.&lt;language&gt;.json) and checked once at
/// start-up: each dialog has a file per language, every file has the same line ids with the same placeholders, and
/// every line the code uses exists. A problem stops the start with the file and line id named.
/// </summary>
public sealed partial class ContentCatalog
{
    private readonly Dictionary<(string Dialog, string Language), ContentFile> files;

    private ContentCatalog(Dictionary<(string, string), ContentFile> files) => this.files = files;

    public IEnumerable<ContentFile> Files => files.Values;

    /// <summary>
    /// Loads the content files built into PeerBot.Dialogs, plus any <paramref name="extra"/> ones (file name, JSON),
    /// and checks them against the lines the code uses.
    /// </summary>
    public static ContentCatalog LoadBuiltIn(IEnumerable<LineRef> usedLines, IEnumerable<(string FileName, string Json)>? extra = null)
    {
        var assembly = typeof(ContentCatalog).Assembly;
        var sources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("content/", StringComparison.Ordinal))
            .Select(name => (name["content/".Length..], ReadResource(assembly, name)));
        return Load(sources.Concat(extra ?? []), usedLines);
    }

    /// <summary>Loads content files given as (file name, JSON text) and checks them.</summary>
    public static ContentCatalog Load(IEnumerable<(string FileName, string Json)> sources, IEnumerable<LineRef> usedLines)
    {
        var files = new Dictionary<(string, string), ContentFile>();
        var names = new Dictionary<(string, string), string>();
        foreach (var (fileName, json) in sources)
        {
            var file = Parse(fileName, json);
            if (!names.TryAdd((file.Dialog, file.Language), fileName))
                throw new InvalidContentException($"{fileName}: a second file for dialog '{file.Dialog}' in '{file.Language}' (first: {names[(file.Dialog, file.Language)]})");
            files[(file.Dialog, file.Language)] = file;
        }

        foreach (var dialog in files.Keys.Select(k => k.Item1).Distinct())
            CheckLanguagesAgree(dialog, files, names);

        foreach (var line in usedLines)
        {
            foreach (var language in Languages.All)
            {
                if (!files.TryGetValue((line.Dialog, language), out var file))
                    throw new InvalidContentException($"{line.Dialog}.{language}.json: missing, but the code uses line '{line.Id}'");
                if (!file.Lines.ContainsKey(line.Id))
                    throw new InvalidContentException($"{names[(line.Dialog, language)]}: line '{line.Id}' is missing; the code uses it");
            }
        }
        return new ContentCatalog(files);
    }

    /// <summary>The wording of one line in one language, with its {placeholders} filled in.</summary>
    public string Line(LineRef line, string language, params (string Name, string Value)[] values)
    {
        if (!files.TryGetValue((line.Dialog, language), out var file) || !file.Lines.TryGetValue(line.Id, out var text))
            throw new KeyNotFoundException($"No line '{line.Id}' in {line.Dialog}.{language}.json");
        foreach (var (name, value) in values)
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    public int Version(string dialog, string language) => files[(dialog, language)].Version;

    private static void CheckLanguagesAgree(
        string dialog, Dictionary<(string, string), ContentFile> files, Dictionary<(string, string), string> names)
    {
        foreach (var language in Languages.All)
        {
            if (!files.ContainsKey((dialog, language)))
                throw new InvalidContentException($"{dialog}.{language}.json: missing; every dialog needs a file in each of {string.Join(", ", Languages.All)}");
        }

        var reference = files[(dialog, Languages.Danish)];
        var referenceName = names[(dialog, Languages.Danish)];
        foreach (var language in Languages.All.Skip(1))
        {
            var other = files[(dialog, language)];
            var otherName = names[(dialog, language)];
            foreach (var id in reference.Lines.Keys.Where(id => !other.Lines.ContainsKey(id)))
                throw new InvalidContentException($"{otherName}: line '{id}' is missing (it is in {referenceName})");
            foreach (var id in other.Lines.Keys.Where(id => !reference.Lines.ContainsKey(id)))
                throw new InvalidContentException($"{referenceName}: line '{id}' is missing (it is in {otherName})");
            foreach (var (id, text) in reference.Lines)
            {
                var expected = Placeholders(text);
                var actual = Placeholders(other.Lines[id]);
                if (!expected.SetEquals(actual))
                    throw new InvalidContentException(
                        $"{otherName}: line '{id}' has placeholders {{{string.Join("}, {", actual.Order())}}} but {referenceName} has {{{string.Join("}, {", expected.Order())}}}");
            }
        }
    }

    private static ContentFile Parse(string fileName, string json)
    {
        ContentFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ContentFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidContentException($"{fileName}: not valid JSON ({e.Message})");
        }
        if (file is null || string.IsNullOrWhiteSpace(file.Dialog) || file.Lines is null || file.Lines.Count == 0)
            throw new InvalidContentException($"{fileName}: needs \"dialog\", \"version\", \"language\" and \"lines\"");
        if (!Languages.All.Contains(file.Language))
            throw new InvalidContentException($"{fileName}: language '{file.Language}' is not one of {string.Join(", ", Languages.All)}");
        if (file.Version < 1)
            throw new InvalidContentException($"{fileName}: \"version\" must be 1 or more");
        foreach (var (id, text) in file.Lines)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw new InvalidContentException($"{fileName}: line '{id}' is empty");
        }
        return file;
    }

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    [GeneratedRegex(@"\{([a-z][a-z0-9-]*)\}")]
    private static partial Regex PlaceholderPattern();
}

using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Safety;

/// <summary>A named pattern: the id is what logs and test messages show, never the text it matched.</summary>
public sealed record TextRule(string Id, Regex Pattern)
{
    public static TextRule Of(string id, string pattern) =>
        new(id, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200)));
}

internal static partial class TextNormalizer
{
    /// <summary>Lower case, typographic quotes and dashes made plain, white space folded.</summary>
    public static string Normalize(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'').Replace('´', '\'').Replace('–', '-').Replace('—', '-'), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

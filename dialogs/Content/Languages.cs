namespace PeerBot.Dialogs.Content;

/// <summary>The languages PeerBot speaks: Danish first, English second.</summary>
public static class Languages
{
    public const string Danish = "da";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Danish, English];

    /// <summary>Picks the language for a locale such as "da-DK" or "en-GB": da* is Danish, en* English, anything else Danish.</summary>
    public static string FromLocale(string? locale) =>
        locale is not null && locale.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : Danish;
}

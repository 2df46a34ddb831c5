namespace PeerBot.Dialogs.Content;

/// <summary>One content file: every line one dialog says, in one language.</summary>
/// <param name="Dialog">the dialog's id, e.g. "companion"</param>
/// <param name="Version">bumped when a line's meaning changes, not for typos</param>
/// <param name="Language">"da" or "en"</param>
/// <param name="Notes">guidance for writers and translators</param>
/// <param name="Lines">line id to wording; {name} marks a placeholder</param>
public sealed record ContentFile(
    string Dialog,
    int Version,
    string Language,
    string? Notes,
    IReadOnlyDictionary<string, string> Lines);

namespace PeerBot.Dialogs.Privacy;

/// <summary>The member's answer to "may I keep your reflections?", with the version of the text they answered and when.</summary>
public sealed record Consent(bool KeepsReflections, int TextVersion, DateTimeOffset AtUtc);

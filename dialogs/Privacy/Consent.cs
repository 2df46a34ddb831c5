namespace PeerBot.Dialogs.Privacy;

/// <summary>The member's answer to "may I keep your reflections?", with the version of the text they answered and when.</summary>
public sealed record Consent(bool KeepsReflections, int TextVersion, DateTimeOffset AtUtc);

/// <summary>
/// The yes or no of a member who said no to keeping reflections, to keeping their personal statements alone, with the
/// text's version and the time.
/// </summary>
public sealed record StatementConsent(bool Yes, int TextVersion, DateTimeOffset AtUtc);

/// <summary>The member's yes or no to a language model phrasing replies to their words, with the text's version and the time.</summary>
public sealed record LlmConsent(bool Yes, int TextVersion, DateTimeOffset AtUtc);

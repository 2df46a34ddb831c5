using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Llm;

/// <summary>
/// What must not leave the machine in a member's words: CPR numbers, phone numbers, e-mail addresses and street
/// addresses become placeholders ([CPR-1], [TELEFON-1], ...) before a model sees them, and are put back if the model
/// echoes a placeholder. Patterns for Danish formats; a miss errs towards redacting more.
/// </summary>
public static partial class Redactor
{
    /// <summary>The text with placeholders, and what each placeholder stands for.</summary>
    public static (string Text, IReadOnlyDictionary<string, string> Originals) Redact(string text)
    {
        var originals = new Dictionary<string, string>();
        foreach (var (kind, pattern) in Patterns)
        {
            var n = 0;
            text = pattern.Replace(text, match =>
            {
                var placeholder = $"[{kind}-{++n}]";
                originals[placeholder] = match.Value;
                return placeholder;
            });
        }
        return (text, originals);
    }

    /// <summary>Puts back what the placeholders stood for.</summary>
    public static string Restore(string text, IReadOnlyDictionary<string, string> originals) =>
        originals.Aggregate(text, (restored, pair) => restored.Replace(pair.Key, pair.Value, StringComparison.Ordinal));

    // In this order: a CPR number also looks like a phone number.
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("CPR", Cpr()),
        ("EMAIL", Email()),
        ("TELEFON", Phone()),
        ("ADRESSE", Address()),
    ];

    [GeneratedRegex(@"\b[0-3]\d[01]\d\d{2}[- ]?\d{4}\b")]
    private static partial Regex Cpr();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"(\+45[ -]?)?\b\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}\b")]
    private static partial Regex Phone();

    // A street name ending the Danish way (-vej, -gade, -allé, ...) followed by a house number.
    [GeneratedRegex(@"\b[\p{L}.-]*(vej|gade|allé|alle|stræde|plads|boulevard|torv|vænget|parken|street|road|avenue)\s+\d+[a-zA-Z]?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

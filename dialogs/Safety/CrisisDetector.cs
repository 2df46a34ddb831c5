namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Recognises suicidal thoughts and plans, a wish to be dead, self-harm, goodbyes and being a burden, and intent to
/// harm others, in Danish and English (domain.md §5.3): concepts in combination, by the rules in crisis.rules, and a
/// learned model beside them. It errs on the side of showing the help lines. Deterministic: the same text always
/// gets the same answer, and no remote model is asked.
/// </summary>
public sealed class CrisisDetector
{
    private static readonly Lazy<SafetyCheck> BuiltIn = new(() => SafetyCheck.LoadBuiltIn("crisis"));

    private readonly SafetyCheck check;

    /// <summary>The built-in rules and model, read once per process.</summary>
    public CrisisDetector() : this(BuiltIn.Value)
    {
    }

    public CrisisDetector(SafetyCheck check) => this.check = check;

    /// <summary>The rules and model it reads with.</summary>
    public SafetyCheck Detection => check;

    /// <summary>The id of the rule that matched ("model" when the learned model flagged it), or null when the message shows no crisis.</summary>
    public string? Detect(string message) => check.Find(message);
}

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Tells whether a sentence the bot would say is directive (domain.md §4): advice, instructions, obligation,
/// suggestions dressed as questions, judging, diagnosing or labelling, minimising or false reassurance, and claimed
/// lived experience. Open questions, reflections, reported speech, permission and the bot's own options pass. It
/// answers with the id of the rule in phrasing.rules that matched ("model" when the learned model flagged it), so a
/// content writer knows what to change; the text itself is never logged.
/// </summary>
public sealed class PhrasingGuard
{
    private static readonly Lazy<SafetyCheck> BuiltIn = new(() => SafetyCheck.LoadBuiltIn("phrasing"));

    private readonly SafetyCheck check;

    /// <summary>The built-in rules and model, read once per process.</summary>
    public PhrasingGuard() : this(BuiltIn.Value)
    {
    }

    public PhrasingGuard(SafetyCheck check) => this.check = check;

    /// <summary>The rules and model it reads with.</summary>
    public SafetyCheck Detection => check;

    /// <summary>The id of the rule the text breaks, or null when it reads as non-directive.</summary>
    public string? Check(string text) => check.Find(text);
}

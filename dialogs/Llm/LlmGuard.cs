using System.Text.RegularExpressions;
using PeerBot.Dialogs.Safety;
using PeerBot.Dialogs.Safety.Text;

namespace PeerBot.Dialogs.Llm;

/// <summary>
/// Decides, without the model, whether a model's sentence may be shown to a member: not empty, at most two sentences
/// and <see cref="MaxLength"/> characters, no question (the member owes the bot no answer) unless it is a question
/// said again (then that one question alone), in the member's language, nothing the crisis detector or the phrasing guard flags.
/// The answer is the reason it was refused, or null when it may be shown. The model never decides this; what it was
/// asked to do does not matter.
/// </summary>
public sealed partial class LlmGuard(CrisisDetector crisis, PhrasingGuard phrasing)
{
    public const int MaxLength = 280;

    /// <param name="sentence">what the model wrote</param>
    /// <param name="language">the member's language</param>
    /// <param name="isQuestion">it is a question said again: exactly one question mark, at the end</param>
    public string? Refuse(string? sentence, string language, bool isQuestion = false)
    {
        if (string.IsNullOrWhiteSpace(sentence))
            return "empty";
        if (sentence.Length > MaxLength)
            return "too-long";
        var questionMarks = sentence.Count(c => c == '?');
        if (isQuestion ? questionMarks != 1 || !sentence.TrimEnd().EndsWith('?') : questionMarks > 0)
            return "question";
        var sentences = MessageReader.Read(sentence);
        if (sentences.Count > (isQuestion ? 1 : 2))
            return "too-long";
        if (!sentences.All(s => language == "en" ? s.LooksEnglish || !s.LooksDanish : s.LooksDanish || !s.LooksEnglish)
            || !sentences.Any(s => language == "en" ? s.LooksEnglish : s.LooksDanish))
            return "language";
        return Flagged(sentence);
    }

    /// <summary>
    /// Whether a model's shorter version of a member's words may be offered to them: not empty, shorter than the
    /// original, every word one the member wrote (words may be left out, never added or changed), nothing the crisis
    /// detector or the phrasing guard flags. The answer is the reason it was refused, or null.
    /// </summary>
    public string? RefuseShorter(string? shorter, string original)
    {
        if (string.IsNullOrWhiteSpace(shorter))
            return "empty";
        if (shorter.Length >= original.Length)
            return "not-shorter";
        var theirs = WordsOf(original).ToHashSet();
        if (!WordsOf(shorter).All(theirs.Contains))
            return "not-their-words";
        return Flagged(shorter);
    }

    /// <summary>What the crisis detector or the phrasing guard flags in the text ("crisis:rule", "phrasing:rule"), or null.</summary>
    private string? Flagged(string text) =>
        crisis.Detect(text) is { } crisisRule ? "crisis:" + crisisRule
        : phrasing.Check(text) is { } phrasingRule ? "phrasing:" + phrasingRule
        : null;

    private static IEnumerable<string> WordsOf(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

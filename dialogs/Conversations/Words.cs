using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Conversations;

/// <summary>Words that work at any point, before the active step sees the message.</summary>
public enum GlobalWord { None, Help, HelpNow, Cancel, Pause, Resume, Language, Consent, MyData, DeleteMyData }

/// <summary>
/// Recognises what people type, in Danish and English: global words, yes and no, "skip" and "done". A message
/// counts only as a whole ("stop", "Stop!", "  ja tak "), never as a word inside a longer sentence.
/// </summary>
public static partial class Words
{
    private static readonly Dictionary<string, GlobalWord> Globals = new()
    {
        ["hjælp nu"] = GlobalWord.HelpNow, ["brug for hjælp nu"] = GlobalWord.HelpNow, ["akut hjælp"] = GlobalWord.HelpNow,
        ["help now"] = GlobalWord.HelpNow, ["need help now"] = GlobalWord.HelpNow, ["urgent help"] = GlobalWord.HelpNow,
        ["hjælp"] = GlobalWord.Help, ["hjaelp"] = GlobalWord.Help, ["help"] = GlobalWord.Help, ["?"] = GlobalWord.Help,
        ["annuller"] = GlobalWord.Cancel, ["afbryd"] = GlobalWord.Cancel, ["stop"] = GlobalWord.Cancel, ["cancel"] = GlobalWord.Cancel, ["quit"] = GlobalWord.Cancel,
        ["pause"] = GlobalWord.Pause, ["sæt på pause"] = GlobalWord.Pause,
        ["fortsæt"] = GlobalWord.Resume, ["fortsaet"] = GlobalWord.Resume, ["genoptag"] = GlobalWord.Resume, ["resume"] = GlobalWord.Resume, ["continue"] = GlobalWord.Resume,
        ["samtykke"] = GlobalWord.Consent, ["consent"] = GlobalWord.Consent,
        ["mine data"] = GlobalWord.MyData, ["my data"] = GlobalWord.MyData, ["eksportér mine data"] = GlobalWord.MyData, ["export my data"] = GlobalWord.MyData,
        ["slet mine data"] = GlobalWord.DeleteMyData, ["slet alt"] = GlobalWord.DeleteMyData, ["delete my data"] = GlobalWord.DeleteMyData, ["delete everything"] = GlobalWord.DeleteMyData,
        ["sprog"] = GlobalWord.Language, ["skift sprog"] = GlobalWord.Language, ["language"] = GlobalWord.Language, ["change language"] = GlobalWord.Language,
    };

    private static readonly HashSet<string> YesWords = ["ja", "jo", "jep", "ja tak", "gerne", "ok", "okay", "yes", "yeah", "yep", "y", "sure", "yes please"];
    private static readonly HashSet<string> NoWords = ["nej", "nej tak", "ikke nu", "no", "nope", "n", "no thanks", "not now"];
    private static readonly HashSet<string> SkipWords = ["spring over", "spring det over", "skip", "skip it", "skip this"];
    private static readonly HashSet<string> DoneWords = ["færdig", "faerdig", "jeg er færdig", "det var det", "done", "i'm done", "im done", "finished", "that's it"];

    public static GlobalWord Global(string text) => Globals.GetValueOrDefault(Normalize(text), GlobalWord.None);

    /// <summary>Every global word's phrases, as <see cref="Normalize"/> gives them.</summary>
    public static IEnumerable<KeyValuePair<string, GlobalWord>> GlobalPhrases => Globals;

    /// <summary>True for yes, no, skip and done words: answers to the bot, never a mistyped command.</summary>
    public static bool IsAnswerWord(string normal) =>
        YesWords.Contains(normal) || NoWords.Contains(normal) || SkipWords.Contains(normal) || DoneWords.Contains(normal);

    /// <summary>True for yes, false for no, null when the text is neither.</summary>
    public static bool? YesOrNo(string text)
    {
        var normal = Normalize(text);
        return YesWords.Contains(normal) ? true : NoWords.Contains(normal) ? false : null;
    }

    public static bool IsSkip(string text) => SkipWords.Contains(Normalize(text));

    public static bool IsDone(string text) => DoneWords.Contains(Normalize(text));

    /// <summary>
    /// The message as a command is compared: lower case, trimmed, inner spaces folded; curly apostrophes (iOS types
    /// "I’m") straight; emoji gone; quotes around it (a command copied from the bot's own "…") and trailing
    /// punctuation ("ja!", "stop.", "done…") removed.
    /// </summary>
    public static string Normalize(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c is '’' or '‘' or 'ʼ' or '´' or '`')
                plain.Append('\'');
            else if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)
                plain.Append(' ');
            else
                plain.Append(c);
        }
        var folded = Spaces().Replace(plain.ToString().Trim().ToLowerInvariant(), " ").Trim(Quotes).Trim();
        return folded.Length > 1 ? folded.TrimEnd('.', '!', '?', ',', ';', ':', '…', ' ').Trim(Quotes) : folded;
    }

    private static readonly char[] Quotes = ['"', '“', '”', '„', '«', '»', '\''];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

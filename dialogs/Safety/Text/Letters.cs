using System.Globalization;
using System.Text;

namespace PeerBot.Dialogs.Safety.Text;

/// <summary>Spelling that varies with the keyboard: Danish letters typed as "ae/oe/aa" or as plain "a/o".</summary>
public static class Letters
{
    /// <summary>æ, ø, å as ae, oe, aa (also ä, ö), and other accents dropped: "skære" and "skaere" read the same.</summary>
    public static string Fold(string word)
    {
        if (IsPlain(word))
            return word;
        var folded = new StringBuilder(word.Length + 2);
        foreach (var c in word)
        {
            switch (c)
            {
                case 'æ' or 'ä': folded.Append("ae"); break;
                case 'ø' or 'ö': folded.Append("oe"); break;
                case 'å': folded.Append("aa"); break;
                case < '\u00c0': folded.Append(c); break;
                default: AppendWithoutAccent(folded, c); break;
            }
        }
        return folded.ToString();
    }

    /// <summary>
    /// How the word looks typed on a keyboard without Danish letters, with æ as "a" or "e", ø as "o", å as "a"
    /// ("dø" as "do", "skære" as "skare" or "skere"); empty when the word has no Danish letters.
    /// </summary>
    public static IEnumerable<string> WithoutDanishLetters(string word)
    {
        if (!word.Any(c => c is 'æ' or 'ø' or 'å'))
            yield break;
        yield return word.Replace('æ', 'a').Replace('ø', 'o').Replace('å', 'a');
        if (word.Contains('æ'))
            yield return word.Replace('æ', 'e').Replace('ø', 'o').Replace('å', 'a');
    }

    private static bool IsPlain(string word)
    {
        foreach (var c in word)
        {
            if (c >= '\u00c0')
                return false;
        }
        return true;
    }

    private static void AppendWithoutAccent(StringBuilder folded, char c)
    {
        foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                folded.Append(part);
        }
    }
}

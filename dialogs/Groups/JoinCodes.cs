using System.Security.Cryptography;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// Join codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits from a
/// cryptographic random source, so they cannot be guessed; typed back in any case, with or without spaces or dashes.
/// </summary>
public static class JoinCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;

    public static string New() =>
        string.Create(Length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });

    /// <summary>The code as stored ("K7QX-M2PA" typed as "k7qx m2pa" reads the same), or null when it cannot be a code.</summary>
    public static string? Normalize(string typed)
    {
        var code = new string(typed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    /// <summary>For showing: "K7QXM2PA" as "K7QX-M2PA".</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..]}";
}

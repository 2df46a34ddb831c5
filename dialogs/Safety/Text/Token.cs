namespace PeerBot.Dialogs.Safety.Text;

/// <summary>What a token is: a word, or a mark that ends a clause (comma, colon, dash) or stands for a quote.</summary>
public enum TokenKind { Word, ClauseMark, Quote }

/// <summary>A form of a word that the rules compare: its spelling (folded), or its Danish or English stem.</summary>
public enum TokenForm { Folded, DanishStem, EnglishStem }

/// <summary>
/// One word of a message as the safety rules read it: lower case, with Danish letters spelt out ("dø" and "doe"
/// both read "doe"), and its Danish and English stems.
/// </summary>
public sealed class Token(TokenKind kind, string surface)
{
    private string? danishStem;
    private string? englishStem;

    public TokenKind Kind { get; } = kind;

    /// <summary>The word in lower case, as written (after contractions are spelt out).</summary>
    public string Surface { get; } = surface;

    /// <summary>The word with æ, ø, å written ae, oe, aa and other accents dropped.</summary>
    public string Folded { get; } = kind == TokenKind.Word ? Letters.Fold(surface) : surface;

    public string DanishStem => danishStem ??= Letters.Fold(Stemmers.Danish(Surface));

    public string EnglishStem => englishStem ??= Stemmers.English(Folded);

    public bool IsWord => Kind == TokenKind.Word;

    public string FormOf(TokenForm form) => form switch
    {
        TokenForm.DanishStem => DanishStem,
        TokenForm.EnglishStem => EnglishStem,
        _ => Folded,
    };

    public override string ToString() => Kind == TokenKind.Word ? "[word]" : Surface;
}

/// <summary>
/// A sentence of a message: its tokens, whether it asks (ends with "?"), and its language as far as its small words
/// tell (neither when they do not: "Sluk telefonen", "kms").
/// </summary>
public sealed record Sentence(IReadOnlyList<Token> Tokens, bool IsQuestion, bool LooksDanish, bool LooksEnglish = false);

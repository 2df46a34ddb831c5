namespace PeerBot.Dialogs.Safety.Text;

/// <summary>
/// English contractions spelt out, with or without the apostrophe people leave out in chat: "I'm" and "im" are
/// "i am", "can't" and "cant" are "can not", "wanna" is "want to".
/// </summary>
internal static class Contractions
{
    private static readonly Dictionary<string, string[]> Whole = new()
    {
        ["im"] = ["i", "am"], ["ive"] = ["i", "have"], ["id"] = ["i", "would"],
        ["dont"] = ["do", "not"], ["doesnt"] = ["does", "not"], ["didnt"] = ["did", "not"],
        ["cant"] = ["can", "not"], ["cannot"] = ["can", "not"], ["can't"] = ["can", "not"], ["won't"] = ["will", "not"], ["wont"] = ["will", "not"],
        ["wouldnt"] = ["would", "not"], ["shouldnt"] = ["should", "not"], ["couldnt"] = ["could", "not"], ["isnt"] = ["is", "not"],
        ["arent"] = ["are", "not"], ["wasnt"] = ["was", "not"], ["werent"] = ["were", "not"], ["havent"] = ["have", "not"],
        ["hasnt"] = ["has", "not"], ["hadnt"] = ["had", "not"], ["mustnt"] = ["must", "not"], ["aint"] = ["am", "not"], ["shan't"] = ["shall", "not"], ["shant"] = ["shall", "not"],
        ["youre"] = ["you", "are"], ["youve"] = ["you", "have"], ["youll"] = ["you", "will"], ["youd"] = ["you", "would"],
        ["thats"] = ["that", "is"], ["theres"] = ["there", "is"], ["whats"] = ["what", "is"], ["lets"] = ["let", "us"],
        ["gonna"] = ["going", "to"], ["wanna"] = ["want", "to"], ["gotta"] = ["got", "to"], ["hafta"] = ["have", "to"],
        ["kinda"] = ["kind", "of"], ["outta"] = ["out", "of"], ["oughta"] = ["ought", "to"], ["dunno"] = ["do", "not", "know"],
        ["it's"] = ["it", "is"], ["that's"] = ["that", "is"], ["there's"] = ["there", "is"], ["what's"] = ["what", "is"],
        ["he's"] = ["he", "is"], ["she's"] = ["she", "is"], ["let's"] = ["let", "us"], ["y'all"] = ["you", "all"],
    };

    private static readonly (string Ending, string Word)[] Endings =
    [
        ("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am"), ("'s", ""),
    ];

    /// <summary>Adds the word, or the words it stands for, to <paramref name="tokens"/>.</summary>
    public static void Add(string word, List<Token> tokens)
    {
        if (Whole.TryGetValue(word, out var words))
        {
            foreach (var part in words)
                tokens.Add(new Token(TokenKind.Word, part));
            return;
        }
        if (word.Contains('\''))
        {
            foreach (var (ending, spelt) in Endings)
            {
                if (!word.EndsWith(ending, StringComparison.Ordinal) || word.Length == ending.Length)
                    continue;
                var stem = word[..^ending.Length];
                tokens.Add(new Token(TokenKind.Word, stem == "ca" ? "can" : stem == "wo" ? "will" : stem));
                if (spelt.Length > 0)
                    tokens.Add(new Token(TokenKind.Word, spelt));
                return;
            }
            word = word.Replace("'", "", StringComparison.Ordinal);
        }
        tokens.Add(new Token(TokenKind.Word, word));
    }
}

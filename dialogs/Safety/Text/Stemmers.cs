using System.Collections.Concurrent;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace PeerBot.Dialogs.Safety.Text;

/// <summary>
/// Snowball stemmers for Danish and English (Lucene.Net), so "skærer", "skære" and "skar" meet their rule as one
/// word. Stemmer objects are not thread-safe: each thread has its own. Stems of common words are kept in a bounded
/// table shared by all threads.
/// </summary>
public static class Stemmers
{
    private const int MaxRemembered = 50_000;

    [ThreadStatic] private static DanishStemmer? danish;
    [ThreadStatic] private static EnglishStemmer? english;

    private static readonly ConcurrentDictionary<string, string> DanishStems = new();
    private static readonly ConcurrentDictionary<string, string> EnglishStems = new();

    public static string Danish(string word) => Stem(DanishStems, word, danish ??= new DanishStemmer());

    public static string English(string word) => Stem(EnglishStems, word, english ??= new EnglishStemmer());

    private static string Stem(ConcurrentDictionary<string, string> remembered, string word, SnowballProgram stemmer)
    {
        if (word.Length <= 2)
            return word;
        if (remembered.TryGetValue(word, out var known))
            return known;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        // Member text is open-ended: past the bound, new words are stemmed every time rather than remembered.
        if (remembered.Count < MaxRemembered)
            remembered.TryAdd(word, stem);
        return stem;
    }
}

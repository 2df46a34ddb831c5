using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// What a trained <see cref="TextModel"/> knows, read out of the ML.NET model once: a weight for each concept
/// feature, each word and each pair of words, a bias, and the calibration that turns a score into a probability.
/// Scoring a sentence is then a dictionary lookup per feature. ML.NET's own prediction engine gives the same
/// probabilities (a test compares them on the whole corpus) but costs about ten times as much per sentence, and a
/// 20,000-character reflection is scored sentence by sentence.
/// </summary>
/// <remarks>
/// How the pipeline in <see cref="TextModel"/> turns a sentence into features, and so what this class repeats:
/// the concept features count once each; the words lose their punctuation ("it's" is "its", "18.30" is "1830"),
/// then each word and each pair of neighbouring words that the model knows counts, and those counts are scaled to
/// length one (L2). A word the model never saw adds nothing, and counts in no length.
/// </remarks>
internal sealed class LinearWeights
{
    private const string ConceptSlot = "ConceptBag.", WordSlot = "WordBag.";
    private const char PairSeparator = '|';

    private readonly Dictionary<string, double> concepts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> words = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), double> pairs = [];
    private readonly double bias, slope, offset;

    private LinearWeights(IReadOnlyList<string> slots, IReadOnlyList<float> weights, double bias, double slope, double offset)
    {
        (this.bias, this.slope, this.offset) = (bias, slope, offset);
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            if (slot.StartsWith(ConceptSlot, StringComparison.Ordinal))
            {
                concepts[slot[ConceptSlot.Length..]] = weights[i];
            }
            else if (slot.StartsWith(WordSlot, StringComparison.Ordinal))
            {
                var gram = slot[WordSlot.Length..];
                var separator = gram.IndexOf(PairSeparator, StringComparison.Ordinal);
                if (separator < 0)
                    words[gram] = weights[i];
                else
                    pairs[(gram[..separator], gram[(separator + 1)..])] = weights[i];
            }
            else
            {
                throw new InvalidDataException($"The model has a feature '{slot}' that is neither a concept nor a word");
            }
        }
    }

    /// <summary>The weights of a model made by <see cref="TextModel"/>'s pipeline; <paramref name="input"/> is the schema it reads.</summary>
    public static LinearWeights From(ITransformer model, DataViewSchema input)
    {
        var predictor = Predictor(model)
            ?? throw new InvalidDataException("The model does not end in a calibrated linear binary classifier");
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(input)["Features"].GetSlotNames(ref names);
        var slots = names.DenseValues().Select(name => name.ToString()).ToList();
        var linear = predictor.Model.SubModel;
        return new LinearWeights(slots, [.. linear.Weights], linear.Bias, predictor.Model.Calibrator.Slope, predictor.Model.Calibrator.Offset);
    }

    private static BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>? Predictor(ITransformer model) => model switch
    {
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> found => found,
        IEnumerable<ITransformer> chain => chain.Select(Predictor).LastOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>The probability the model gives a sentence (or a message read whole) with these features.</summary>
    public double Probability(ModelInput input)
    {
        var score = bias;
        foreach (var feature in input.Concepts)
            score += concepts.GetValueOrDefault(feature);

        // The words: each known word and pair of words with its count, scaled to length one.
        var known = Known ??= [];
        known.Clear();
        string? previous = null;
        foreach (var written in input.Words)
        {
            var word = WithoutPunctuation(written);
            if (word.Length == 0)
                continue;
            if (words.ContainsKey(word))
                known[(word, null)] = known.GetValueOrDefault((word, null)) + 1;
            if (previous is not null && pairs.ContainsKey((previous, word)))
                known[(previous, word)] = known.GetValueOrDefault((previous, word)) + 1;
            previous = word;
        }
        if (known.Count > 0)
        {
            var (dot, squares) = (0.0, 0.0);
            foreach (var ((first, second), count) in known)
            {
                dot += count * (second is null ? words[first] : pairs[(first, second)]);
                squares += (double)count * count;
            }
            score += dot / Math.Sqrt(squares);
        }
        // Platt's calibration, as ML.NET applies it.
        return 1.0 / (1.0 + Math.Exp(slope * score + offset));
    }

    /// <summary>The counts of one sentence's known words, kept per thread: a long message has hundreds of sentences.</summary>
    [ThreadStatic] private static Dictionary<(string, string?), int>? Known;

    private static string WithoutPunctuation(string word)
    {
        foreach (var c in word)
        {
            if (char.IsPunctuation(c))
                return string.Concat(word.Where(c => !char.IsPunctuation(c)));
        }
        return word;
    }
}

/// <summary>
/// A sentence, or a message read whole, as the model sees it: its folded words in order, its concept features, and
/// its length as read (the words with a space after each, and a full stop after each sentence).
/// </summary>
internal sealed record ModelInput(IReadOnlyList<string> Words, IReadOnlyCollection<string> Concepts, int Length);

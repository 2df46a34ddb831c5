using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using PeerBot.Dialogs.Safety.Rules;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// A linear classifier (ML.NET, logistic regression by SDCA) beside a detector's rules. It reads what the rules read:
/// the concepts of each sentence, how they stand (negated, about the writer) and which ones occur near each other
/// ("WANT+DIE", "PILLS+QUANTITY"), plus the words and word pairs. Concepts carry it to words it never saw; the
/// weights learn combinations no rule names. A message is read whole when short and sentence by sentence, so a
/// crisis sentence in a long reflection is not drowned by the rest. Training is deterministic (one thread, a fixed
/// seed): the same corpus and rules build the same model.
/// </summary>
public sealed class TextModel
{
    private const int Seed = 20261123;

    /// <summary>Messages up to this many characters are also read whole.</summary>
    private const int WholeUpToChars = 240;

    /// <summary>Two concepts at most this many words apart count as a pair.</summary>
    private const int PairReach = 8;

    private static readonly HashSet<string> Structural =
        [ConceptLexicon.Negation, ConceptLexicon.NegationStop, ConceptLexicon.Opener, ConceptLexicon.Quote];

    private readonly LinearWeights weights;

    private TextModel(LinearWeights weights, double threshold)
    {
        this.weights = weights;
        Threshold = threshold;
    }

    /// <summary>At or above this probability the model flags a message.</summary>
    public double Threshold { get; }

    /// <summary>The highest probability over the message read whole (when short) and sentence by sentence.</summary>
    public double Probability(Reading reading)
    {
        var highest = 0.0;
        foreach (var input in Windows(reading))
            highest = Math.Max(highest, weights.Probability(input));
        return highest;
    }

    public bool Flags(Reading reading) => Probability(reading) >= Threshold;

    /// <summary>
    /// The probabilities ML.NET's own prediction engine gives: what <see cref="Probability"/> must agree with. Slow;
    /// for the test that compares the two.
    /// </summary>
    internal static IEnumerable<double> EngineProbabilities(Stream model, IEnumerable<Reading> readings)
    {
        var ml = new MLContext(Seed);
        var engine = ml.Model.CreatePredictionEngine<Row, Score>(ml.Model.Load(model, out _));
        return readings.Select(reading => Windows(reading).Max(input => (double)engine.Predict(Row.Of(input, false)).Probability));
    }

    /// <summary>Trains a model and picks the threshold that keeps false alarms near <paramref name="falseAlarmRate"/> in cross-validation.</summary>
    public static (byte[] Model, ModelInfo Info) Train(IReadOnlyList<(string Text, bool IsPositive)> rows, RuleBook rules, double falseAlarmRate, string trainedOn)
    {
        var read = rows.Select(r => (Reading: rules.Read(r.Text), r.IsPositive)).ToList();
        var threshold = CrossValidatedThreshold(read, falseAlarmRate);
        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(read.SelectMany(r => TrainingRows(r.Reading, r.IsPositive)));
        var fitted = Pipeline(ml).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(fitted, data.Schema, stream);
        return (stream.ToArray(), new ModelInfo(Math.Round(threshold, 4), rows.Count, rows.Count(r => r.IsPositive), trainedOn));
    }

    /// <summary>A model saved by <see cref="Train"/>; it reads messages read by the rules it was trained with.</summary>
    public static TextModel Load(Stream model, ModelInfo info)
    {
        var ml = new MLContext(Seed);
        var loaded = ml.Model.Load(model, out var input);
        return new TextModel(LinearWeights.From(loaded, input), info.Threshold);
    }

    /// <summary>
    /// Trains on four fifths and scores the fifth, five times: the threshold is set on messages the model did not
    /// see, so it holds on new ones rather than fitting the training set.
    /// </summary>
    private static double CrossValidatedThreshold(List<(Reading Reading, bool IsPositive)> rows, double falseAlarmRate)
    {
        const int folds = 5;
        var negatives = new List<double>();
        for (var fold = 0; fold < folds; fold++)
        {
            var ml = new MLContext(Seed);
            var data = ml.Data.LoadFromEnumerable(rows.Where((_, i) => i % folds != fold).SelectMany(r => TrainingRows(r.Reading, r.IsPositive)));
            var model = new TextModel(LinearWeights.From(Pipeline(ml).Fit(data), data.Schema), 0.5);
            negatives.AddRange(rows.Where((r, i) => i % folds == fold && !r.IsPositive).Select(r => model.Probability(r.Reading)));
        }
        if (negatives.Count == 0)
            return 0.5;
        negatives.Sort();
        var allowed = (int)Math.Floor(falseAlarmRate * negatives.Count);
        return Math.Max(0.5, negatives[^(allowed + 1)] + 1e-6);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Text.ProduceWordBags("ConceptBag", nameof(Row.Concepts), ngramLength: 1, useAllLengths: false,
                weighting: NgramExtractingEstimator.WeightingCriteria.Tf)
            .Append(ml.Transforms.Text.FeaturizeText("WordBag", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepPunctuations = false,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = null,
            }, nameof(Row.Words)))
            .Append(ml.Transforms.Concatenate("Features", "ConceptBag", "WordBag"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }));

    private static IEnumerable<ModelInput> Windows(Reading reading)
    {
        var whole = Whole(reading);
        if (whole.Length <= WholeUpToChars)
            yield return whole;
        if (reading.Sentences.Count == 1 && whole.Length <= WholeUpToChars)
            yield break;
        for (var i = 0; i < reading.Sentences.Count; i++)
            yield return Of([i], reading);
    }

    /// <summary>
    /// A message as the model learns it. At run time every sentence is scored on its own too, so each sentence of a
    /// safe message is also a safe example; a flagged message's sentences are not all flagged, so it is learnt whole.
    /// </summary>
    private static IEnumerable<Row> TrainingRows(Reading reading, bool isPositive)
    {
        yield return Row.Of(Whole(reading), isPositive);
        if (isPositive || reading.Sentences.Count == 1)
            yield break;
        for (var i = 0; i < reading.Sentences.Count; i++)
            yield return Row.Of(Of([i], reading), false);
    }

    private static ModelInput Whole(Reading reading) => Of([.. Enumerable.Range(0, reading.Sentences.Count)], reading);

    /// <summary>The model's input for some sentences: their folded words, and their concept features.</summary>
    private static ModelInput Of(IReadOnlyList<int> sentences, Reading reading)
    {
        var words = new List<string>();
        var features = new HashSet<string>(StringComparer.Ordinal);
        var length = 0;
        foreach (var index in sentences)
        {
            foreach (var token in reading.Sentences[index].Tokens)
            {
                if (token.IsWord)
                {
                    words.Add(token.Folded);
                    length += token.Folded.Length + 1;
                }
            }
            length += ". ".Length;
            AddConceptFeatures(reading.Concepts[index], features);
        }
        return new ModelInput(words, features, length);
    }

    private static void AddConceptFeatures(IReadOnlyList<Occurrence> found, HashSet<string> features)
    {
        var concepts = found.Where(o => !Structural.Contains(o.Concept)).ToList();
        foreach (var o in concepts)
        {
            features.Add(o.Concept);
            if (o.IsNegated)
                features.Add(FeatureNames.Of(o.Concept, ":neg"));
            if (o.SubjectIsSelf)
                features.Add(FeatureNames.Of(o.Concept, ":self"));
        }
        for (var i = 0; i < concepts.Count; i++)
        {
            for (var j = i + 1; j < concepts.Count; j++)
            {
                var (a, b) = string.CompareOrdinal(concepts[i].Concept, concepts[j].Concept) <= 0 ? (concepts[i], concepts[j]) : (concepts[j], concepts[i]);
                if (a.Concept != b.Concept && Math.Abs(a.Start - b.Start) <= PairReach)
                    features.Add(FeatureNames.Pair(a.Concept, a.IsNegated, b.Concept, b.IsNegated));
            }
        }
    }

    /// <summary>
    /// The names of concept features ("DIE:self", "WANT+DIE~"), each made once: a long message names the same few
    /// hundred features over and over, and each new string would be garbage a moment later.
    /// </summary>
    private static class FeatureNames
    {
        private const int MaxKept = 100_000;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Single = new();
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool, string, bool), string> Pairs = new();

        public static string Of(string concept, string mark) =>
            Single.TryGetValue((concept, mark), out var name) ? name : Keep(Single, (concept, mark), concept + mark);

        /// <summary>Two concepts near each other, each marked "~" when negated.</summary>
        public static string Pair(string first, bool firstNegated, string second, bool secondNegated) =>
            Pairs.TryGetValue((first, firstNegated, second, secondNegated), out var name)
                ? name
                : Keep(Pairs, (first, firstNegated, second, secondNegated), Name((first, firstNegated, second, secondNegated)));

        // Counting a concurrent dictionary takes all its locks: it is done only when a name is new.
        private static string Keep<TKey>(System.Collections.Concurrent.ConcurrentDictionary<TKey, string> names, TKey key, string name)
            where TKey : notnull
        {
            if (names.Count < MaxKept)
                names.TryAdd(key, name);
            return name;
        }

        private static string Name((string First, bool FirstNegated, string Second, bool SecondNegated) pair) =>
            $"{pair.First}{(pair.FirstNegated ? "~" : "")}+{pair.Second}{(pair.SecondNegated ? "~" : "")}";
    }

    /// <summary>A row as ML.NET trains on it: the words joined by spaces, the concept features likewise.</summary>
    private sealed class Row
    {
        public string Words { get; set; } = "";
        public string Concepts { get; set; } = "";
        public bool Label { get; set; }

        public static Row Of(ModelInput input, bool label) => new()
        {
            Words = string.Join(' ', input.Words),
            Concepts = string.Join(' ', input.Concepts.Order(StringComparer.Ordinal)),
            Label = label,
        };
    }

    private sealed class Score
    {
        public float Probability { get; set; }
    }
}

/// <summary>What a built model was trained on, and the threshold it flags at. Stored beside the model as JSON.</summary>
public sealed record ModelInfo(double Threshold, int Rows, int PositiveRows, string TrainedOn)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static ModelInfo FromJson(string json) => JsonSerializer.Deserialize<ModelInfo>(json, Json)
        ?? throw new InvalidDataException("A model's info file is empty");
}

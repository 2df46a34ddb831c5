namespace PeerBot.Dialogs.Safety;

/// <summary>One labelled sentence of a safety corpus, with its category (the file it is in).</summary>
public sealed record LabelledRow(string Category, string Label, string Language, string Text, string Source);

/// <summary>
/// Reads a safety corpus: TSV files with the columns label, lang and text (a header line is skipped), one file per
/// category. A path is a file or a folder of them; dialogs/Safety/corpus/&lt;detector&gt;/dev is what the rules and
/// the model are tuned on, .../test is never tuned to.
/// </summary>
public static class LabelledCorpus
{
    public static IReadOnlyList<LabelledRow> Read(string path)
    {
        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"No such file or folder: {path}", path);
        var rows = new List<LabelledRow>();
        foreach (var file in files)
        {
            var category = Path.GetFileNameWithoutExtension(file);
            foreach (var (line, number) in File.ReadLines(file).Select((line, i) => (line, i + 1)))
            {
                var columns = line.Split('\t');
                if (columns.Length < 3 || number == 1 && columns[0] == "label")
                    continue;
                rows.Add(new LabelledRow(category, columns[0].Trim(), columns[1].Trim(), string.Join('\t', columns.Skip(2)), $"{file}:{number}"));
            }
        }
        return rows;
    }
}

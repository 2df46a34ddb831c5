using System.Text.Json.Nodes;
using PeerBot.Bot.Storage;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// The PDFs the terminal chat writes for a person's statements: a store of member data like the others, so "mine
/// data" lists them and "slet mine data" and retention delete them.
/// </summary>
public sealed class TerminalStatementFiles(string folder) : IMemberDataStore
{
    /// <summary>The PDF of a person's statement; the default person of the terminal chat keeps the short name.</summary>
    public string FileFor(string person, int number) =>
        Path.Combine(folder, person == TerminalChat.DefaultPerson ? $"statement-{number}.pdf" : $"{person}-statement-{number}.pdf");

    public string ExportName => "statementFiles";

    public Task<JsonNode?> ExportAsync(MemberRef member, CancellationToken cancellationToken)
    {
        var files = new JsonArray([.. FilesOf(member).Select(file => JsonValue.Create(file))]);
        return Task.FromResult<JsonNode?>(files.Count == 0 ? null : files);
    }

    public Task EraseAsync(MemberRef member, CancellationToken cancellationToken)
    {
        foreach (var file in FilesOf(member))
            File.Delete(file);
        return Task.CompletedTask;
    }

    private IEnumerable<string> FilesOf(MemberRef member)
    {
        if (!Directory.Exists(folder))
            return [];
        var prefix = member.Member.Value == TerminalChat.DefaultPerson ? "statement-" : $"{member.Member.Value}-statement-";
        return Directory.EnumerateFiles(folder, prefix + "*.pdf").Where(f => int.TryParse(Path.GetFileNameWithoutExtension(f)[prefix.Length..], out _));
    }
}

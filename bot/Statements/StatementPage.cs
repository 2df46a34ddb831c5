using PeerBot.Dialogs.Statements;

namespace PeerBot.Bot.Statements;

/// <summary>Tells the statement dialog whether a statement fits one printed page, by printing it as the download would.</summary>
public sealed class StatementPage : IStatementPage
{
    public int? SectionTooLong(StatementSheet sheet) =>
        StatementPdf.Print(sheet).TooLongSection is { } heading ? sheet.Sections.ToList().FindIndex(s => s.Heading == heading) : null;
}

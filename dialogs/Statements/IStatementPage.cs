namespace PeerBot.Dialogs.Statements;

/// <summary>Whether a statement fits its printed page. The host prints, so the host knows; the dialog asks before saving.</summary>
public interface IStatementPage
{
    /// <summary>The index of the section that does not fit even in the smallest type, or null when the page holds it all.</summary>
    int? SectionTooLong(StatementSheet sheet);
}

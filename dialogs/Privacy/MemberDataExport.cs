using System.Globalization;
using System.Text.Json;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Privacy;

/// <summary>"mine data"/"my data": everything the conversation's state holds, readable and as JSON. Wording: export.&lt;language&gt;.json.</summary>
public sealed class MemberDataExport(ContentCatalog content)
{
    public const string DialogId = "export";

    private static readonly string[] LineIds =
        ["heading", "language", "language-from-teams", "paused", "yes", "no", "consent", "no-consent", "llm-consent", "under-way", "answer", "skipped", "nothing-else"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEnumerable<LineRef> Lines => LineIds.Select(id => new LineRef(DialogId, id));

    public DataExport Export(ConversationState state, Turn turn, string language)
    {
        string Say(string id, params (string, string)[] values) => content.Line(new LineRef(DialogId, id), language, values);
        var lines = new List<string>
        {
            Say("heading"),
            Say("language", ("value", state.Language ?? Say("language-from-teams"))),
            Say("paused", ("value", Say(state.IsPaused ? "yes" : "no"))),
            state.Consent is { } consent
                ? Say("consent", ("value", Say(consent.KeepsReflections ? "yes" : "no")),
                    ("version", consent.TextVersion.ToString(CultureInfo.InvariantCulture)), ("date", consent.AtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                : Say("no-consent"),
        };
        if (state.LlmConsent is { } llm)
            lines.Add(Say("llm-consent", ("value", Say(llm.Yes ? "yes" : "no")),
                ("version", llm.TextVersion.ToString(CultureInfo.InvariantCulture)), ("date", llm.AtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))));
        foreach (var dialog in state.Dialogs)
        {
            lines.Add(Say("under-way", ("dialog", dialog.Dialog.Value)));
            foreach (var (question, answer) in dialog.Answers)
                lines.Add(Say("answer", ("question", question), ("answer", Readable(answer, Say("skipped")))));
        }
        lines.Add(Say("nothing-else"));

        var json = JsonSerializer.Serialize(new { member = turn.Member.Value, conversation = turn.Conversation.Value, state }, Json);
        return new DataExport("export", string.Join("\n", lines), json);
    }

    private static string Readable(Answer answer, string skipped) => answer switch
    {
        { IsSkipped: true } => skipped,
        { Texts.Count: > 0 } => string.Join(" / ", answer.Texts.Select(t => t.Reveal())),
        { Choice: { } choice } => choice,
        { Yes: { } yes } => yes ? "✓" : "✗",
        { Nested: { } nested } => string.Join("; ", nested.Select(n => $"{n.Key}: {Readable(n.Value, skipped)}")),
        _ => "",
    };
}

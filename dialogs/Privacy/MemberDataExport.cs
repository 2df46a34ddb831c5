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
    [
        "heading", "language", "language-from-teams", "paused", "yes", "no", "consent", "no-consent", "llm-consent", "statement-consent", "reminders",
        "groups", "group", "facilitator", "participant", "reflections", "reflection", "kept", "bring", "statements", "statement",
        "under-way", "answer", "nothing-else",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEnumerable<LineRef> Lines => LineIds.Select(id => new LineRef(DialogId, id));

    /// <summary>
    /// Everything in plain words, without the bot's own ids: settings, groups, reflections, statements, and the words of
    /// a conversation under way. The JSON holds the same and more; the host adds what each of its stores keeps.
    /// </summary>
    public DataExport Export(ConversationState state, Turn turn, string language, IReadOnlyList<MemberGroup> groups)
    {
        string Say(string id, params (string, string)[] values) => content.Line(new LineRef(DialogId, id), language, values);
        string YesNo(bool value) => Say(value ? "yes" : "no");
        string Date(DateTimeOffset at) => at.ToString(language == "en" ? "d MMMM yyyy" : "d. MMMM yyyy", CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "da-DK"));
        var lines = new List<string>
        {
            Say("heading"),
            Say("language", ("value", state.Language ?? Say("language-from-teams"))),
            Say("paused", ("value", YesNo(state.IsPaused))),
            state.Consent is { } consent
                ? Say("consent", ("value", YesNo(consent.KeepsReflections)), ("version", Number(consent.TextVersion)), ("date", Date(consent.AtUtc)))
                : Say("no-consent"),
        };
        if (state.LlmConsent is { } llm)
            lines.Add(Say("llm-consent", ("value", YesNo(llm.Yes)), ("version", Number(llm.TextVersion)), ("date", Date(llm.AtUtc))));
        if (state.StatementConsent is { } statements)
            lines.Add(Say("statement-consent", ("value", YesNo(statements.Yes)), ("version", Number(statements.TextVersion)), ("date", Date(statements.AtUtc))));
        lines.Add(Say("reminders", ("before", YesNo(!state.RemindersOff)), ("unanswered", YesNo(state.AnswerReminderOn))));
        if (groups.Count > 0)
        {
            lines.Add(Say("groups", ("count", Number(groups.Count))));
            lines.AddRange(groups.Select(g => Say("group", ("name", g.Name), ("role", Say(g.IsFacilitator ? "facilitator" : "participant")))));
        }
        if (!state.Reflections.IsEmpty)
        {
            lines.Add(Say("reflections", ("count", Number(state.Reflections.Count))));
            lines.AddRange(state.Reflections.Select(r => Say("reflection", ("date", Date(r.SavedAtUtc)), ("session", Number(r.Session)),
                ("kept", Say(r.BringToGroup ? "bring" : "kept")), ("text", string.Join(" / ", r.Texts.Select(t => t.Reveal()))))));
        }
        if (!state.Statements.IsEmpty)
        {
            lines.Add(Say("statements", ("count", Number(state.Statements.Count))));
            lines.AddRange(state.Statements.Select(s => Say("statement", ("number", Number(s.Number)), ("date", Date(s.SavedAtUtc)),
                ("text", string.Join(" / ", (s.Meeting is null ? [] : new[] { s.Meeting }).Concat(s.Parts.Values.SelectMany(p => p)).Select(t => t.Reveal()))))));
        }
        // What the member wrote in a conversation under way; the bot's own ids for its questions and choices stay in the JSON.
        var written = state.Dialogs.SelectMany(d => d.Answers.Values).SelectMany(Texts).ToList();
        if (written.Count > 0)
        {
            lines.Add(Say("under-way"));
            lines.AddRange(written.Select(text => Say("answer", ("answer", text))));
        }
        lines.Add(Say("nothing-else"));

        // The host adds what every store keeps (the state among them) under the store's name.
        var json = JsonSerializer.Serialize(new { member = turn.Member.Value, conversation = turn.Conversation.Value }, Json);
        return new DataExport("export", string.Join("\n", lines), json);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> Texts(Answer answer) =>
        answer.Texts.Select(t => t.Reveal()).Concat(answer.Nested?.Values.SelectMany(Texts) ?? []);
}

/// <summary>A group a member is in, and when its next week's question comes (local time in the group's zone), if another does.</summary>
public sealed record MemberGroup(string Name, bool IsFacilitator, DateTime? NextQuestionLocal = null, bool IsOnlyFacilitator = false);

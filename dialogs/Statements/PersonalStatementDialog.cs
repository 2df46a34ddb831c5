using System.Collections.Immutable;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Statements;

/// <summary>
/// "personligt statement"/"personal statement": the four prompts in turn, each answered in the member's own words
/// (as many messages as they like), then the whole statement to review, change one part of, save, or leave for later.
/// The words are kept exactly as written; the draft is kept after every part, so leaving halfway loses nothing and
/// coming back offers to continue. A part too long for the printed page is named at the review: the member may write
/// it shorter, leave it, or (with the language model on and their yes to it) see a shorter version made only of their
/// own words beside the original, used only if they say yes. Wording: personal-statement.&lt;language&gt;.json.
/// </summary>
/// <param name="page">whether the statement fits its printed page (the host prints); null: not checked</param>
/// <param name="model">the optional language model</param>
public sealed partial class PersonalStatementDialog(IStatementPage? page = null, Llm.LanguageModel? model = null) : IDialog
{
    public static readonly DialogId DialogId = new("personal-statement");
    private const string Changing = "changing";

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["personligt statement", "mit statement", "personal statement", "my statement"];

    public bool KeepsMemberText => true;

    public bool GoesOnAfterANo => true;

    /// <summary>In the answers while a member who did not want it kept writes a statement: it is shown, never saved.</summary>
    private const string Unsaved = "unsaved";

    public IReadOnlyCollection<string> LinesSaidByActions { get; } =
        ["review", "for-meeting", "skipped-part", "draft-kept", "saved", "statement-kept", "statement-not-kept", "not-kept-final", "sheet", "download", "too-long-sheet", "title", "add-after", "sentences",
         "sentence-item", "not-a-sentence", "sentence-replaced", "part-too-long", "too-long-now", "shorter", "no-shorter", "shorter-used", "kept-yours",
         .. Statement.PartIds.Select(p => "heading." + p)];

    public IReadOnlyList<Step> Steps => field ??=
    [
        Do("consent-check", context => context.State.Consent?.KeepsReflections == true || context.State.StatementConsent?.Yes == true ? "start" : null),
        Say("statement-consent-about"),
        Confirm("keep-statement"),
        Do("record-statement-consent", RecordStatementConsent),
        Do("start", context => Task.FromResult<string?>(context.State.StatementDraft is null ? "intro" : "continue-draft")),
        Confirm("continue-draft"),
        Do("restore", Restore),
        Say("intro"),
        Ask("meeting"),
        Do("keep-meeting", context => KeepDraft(context, part: null)),
        .. Statement.PartIds.SelectMany(part => new Step[] { AskMany(part), Do("keep-" + part, context => KeepDraft(context, part)) }),
        Do("show-review", ShowReview),
        Choose("review-what", ["save", .. Statement.PartIds.Select(p => "change-" + p), "later"]),
        Do("route", Route),
        Do("save", Save),
        Choose("change-how", "add", "replace-sentence", "rewrite"),
        Do("route-change", RouteChange),
        Do("list-sentences", ListSentences),
        Ask("which-sentence"),
        Do("pick-sentence", PickSentence),
        Ask("new-sentence", skippable: false),
        Do("replace-sentence", ReplaceSentence),
        Choose("too-long", "rewrite", "as-is"),
        GoTo("route-too-long"),
        Choose("too-long-or-shorter", "rewrite", "shorter", "as-is"),
        Do("route-too-long", RouteTooLong),
        Confirm("use-shorter"),
        Do("record-shorter", RecordShorter),
        Choose("review-unsaved", ["done", .. Statement.PartIds.Select(p => "change-" + p)]),
        GoTo("route"),
    ];

    /// <summary>
    /// A member who said no to keeping reflections decides about this statement: kept, only for them; or written here,
    /// shown at the end, and not kept.
    /// </summary>
    /// <summary>The review's question: save, change or later; or, when nothing is kept, done or change.</summary>
    private static string ReviewStep(StepContext context) => context.Answers.ContainsKey(Unsaved) ? "review-unsaved" : "review-what";

    private static string? RecordStatementConsent(StepContext context)
    {
        var yes = context.Answers["keep-statement"].Yes == true;
        context.State = context.State with { StatementConsent = new Privacy.StatementConsent(yes, context.ContentVersion, context.Turn.AtUtc) };
        if (yes)
        {
            context.Say("statement-kept");
            return "start";
        }
        context.Remember(Unsaved, new Answer { Yes = true });
        context.Say("statement-not-kept");
        return "intro";
    }

    private static Task<string?> Restore(StepContext context)
    {
        var draft = context.State.StatementDraft!;
        if (context.Answers["continue-draft"].Yes != true)
        {
            context.State = context.State with { StatementDraft = null };
            return Task.FromResult<string?>("intro");
        }
        foreach (var (key, answer) in draft)
            context.Remember(key, answer);
        var next = new[] { "meeting" }.Concat(Statement.PartIds).FirstOrDefault(step => !draft.ContainsKey(step)) ?? "show-review";
        return Task.FromResult<string?>(next);
    }

    /// <summary>
    /// After every answer the draft is kept, and a part that has just made the statement too long for its page is
    /// named at once (what to do about it is asked at the review); after changing one part, back to the review.
    /// </summary>
    /// <param name="context">the step's context</param>
    /// <param name="part">the part just written; null for the meeting</param>
    private Task<string?> KeepDraft(StepContext context, string? part)
    {
        SaveDraft(context);
        if (part is not null && !context.Answers.ContainsKey(Changing) && page?.SectionTooLong(SheetOf(context, StatementOf(context, number: 0))) is { } index && Statement.PartIds[index] == part)
            context.Say("too-long-now", ("heading", context.Line(DialogId, "heading." + part)));
        if (context.Answers.ContainsKey(Changing))
        {
            context.Remember(Changing, new Answer());
            return Task.FromResult<string?>("show-review");
        }
        return Task.FromResult<string?>(null);
    }

    private static void SaveDraft(StepContext context)
    {
        if (context.Answers.ContainsKey(Unsaved))
            return;
        context.State = context.State with
        {
            StatementDraft = context.Answers.Where(a => a.Key == "meeting" || Statement.PartIds.Contains(a.Key)).ToImmutableDictionary(),
        };
    }

    private const string TooLongPart = "too-long-part";
    private const string Shorter = "shorter";

    /// <summary>The whole statement; a part too long for the printed page is named, with what the member can do about it.</summary>
    private string? ShowReview(StepContext context)
    {
        context.Say("review", ("statement", Compose(context, context.Answers)));
        if (page?.SectionTooLong(SheetOf(context, StatementOf(context, number: 0))) is not { } index)
            return ReviewStep(context);
        var part = Statement.PartIds[index];
        context.Remember(TooLongPart, new Answer { Choice = part });
        context.Say("part-too-long", ("heading", context.Line(DialogId, "heading." + part)));
        return model?.IsFor(context.State) == true ? "too-long-or-shorter" : "too-long";
    }

    private async Task<string?> RouteTooLong(StepContext context)
    {
        var choice = context.Answers.GetValueOrDefault("too-long-or-shorter")?.Choice ?? context.Answers.GetValueOrDefault("too-long")?.Choice;
        // Asked again after the next review: this answer is used up.
        context.Remember("too-long", new Answer());
        context.Remember("too-long-or-shorter", new Answer());
        var part = context.Answers[TooLongPart].Choice!;
        switch (choice)
        {
            case "rewrite":
                context.Remember(part, new Answer());
                context.Remember(Changing, new Answer { Choice = part });
                return part;
            case "shorter":
                var words = Words(context.Answers, part);
                if (model is not null && await model.ShortenAsync(context, context.Line(DialogId, "heading." + part), words) is { } shorter)
                {
                    context.Remember(Shorter, new Answer { Texts = [new MemberText(shorter)] });
                    context.Say("shorter", ("words", words), ("shorter", shorter));
                    return "use-shorter";
                }
                context.Say("no-shorter");
                return "too-long";
            default:
                return ReviewStep(context);
        }
    }

    /// <summary>The shorter version replaces the part only after the member's yes; otherwise their words stay as they were.</summary>
    private static string? RecordShorter(StepContext context)
    {
        if (context.Answers["use-shorter"].Yes != true)
        {
            context.Say("kept-yours");
            return ReviewStep(context);
        }
        context.Remember(context.Answers[TooLongPart].Choice!, new Answer { Texts = context.Answers[Shorter].Texts });
        SaveDraft(context);
        context.Say("shorter-used");
        return "show-review";
    }

    /// <summary>
    /// The whole statement as one text: the meeting if given, then each heading with the member's words. The headings
    /// are this dialog's lines, whichever dialog shows the statement.
    /// </summary>
    public static string Compose(StepContext context, IReadOnlyDictionary<string, Answer> answers)
    {
        var parts = new List<string>();
        if (Words(answers, "meeting") is { Length: > 0 } meeting)
            parts.Add(context.Line(DialogId, "for-meeting").Replace("{meeting}", meeting, StringComparison.Ordinal));
        foreach (var part in Statement.PartIds)
        {
            var words = AfterStem(context.Line(DialogId, "heading." + part), Words(answers, part));
            parts.Add($"{context.Line(DialogId, "heading." + part)}\n{(words.Length > 0 ? words : context.Line(DialogId, "skipped-part"))}");
        }
        return string.Join("\n\n", parts);
    }

    private static Task<string?> Route(StepContext context)
    {
        // Without keeping, "done" shows it a last time as saving would; there is no "later" to come back to.
        var choice = context.Answers.ContainsKey(Unsaved)
            ? context.Answers["review-unsaved"].Choice switch { "done" => "save", var other => other } ?? "save"
            : context.Answers["review-what"].Choice ?? "later";
        if (choice == "save")
            return Task.FromResult<string?>("save");
        if (choice.StartsWith("change-", StringComparison.Ordinal))
        {
            var part = choice["change-".Length..];
            context.Remember(ChangingPart, new Answer { Choice = part });
            // A part with words can be added to, have one sentence changed, or be written anew; an empty one is written.
            return Task.FromResult<string?>(Words(context.Answers, part).Length > 0 ? "change-how" : Rewrite(context, part));
        }
        context.Say("draft-kept");
        return Task.FromResult<string?>(EndOfDialog);
    }

    private const string ChangingPart = "changing-part";
    private const string Sentence = "sentence";

    /// <summary>The member writes the part anew: their earlier words for it are replaced, never edited by the bot.</summary>
    private static string Rewrite(StepContext context, string part)
    {
        context.Remember(part, new Answer());
        context.Remember(Changing, new Answer { Choice = part });
        return part;
    }

    private static string? RouteChange(StepContext context)
    {
        var part = context.Answers[ChangingPart].Choice!;
        switch (context.Answers["change-how"] is { IsSkipped: true } ? null : context.Answers["change-how"].Choice)
        {
            case "add":
                // What they write now comes after the words already there.
                context.Remember(Changing, new Answer { Choice = part });
                context.Say("add-after");
                return part;
            case "replace-sentence":
                return "list-sentences";
            case "rewrite":
                return Rewrite(context, part);
            default:
                return ReviewStep(context);
        }
    }

    /// <summary>The part's sentences, numbered, to pick the one to change.</summary>
    private static string? ListSentences(StepContext context)
    {
        context.Say("sentences");
        var sentences = SentencesOf(context.Answers[context.Answers[ChangingPart].Choice!]);
        for (var i = 0; i < sentences.Count; i++)
            context.Say("sentence-item", ("number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sentence", sentences[i].Text));
        return null;
    }

    private static string? PickSentence(StepContext context)
    {
        if (context.Answers["which-sentence"].IsSkipped)
            return "show-review";
        var count = SentencesOf(context.Answers[context.Answers[ChangingPart].Choice!]).Count;
        if (!int.TryParse(context.Answers["which-sentence"].Texts[0].Reveal().Trim().TrimEnd('.'), out var number) || number < 1 || number > count)
        {
            context.Say("not-a-sentence");
            return "which-sentence";
        }
        context.Remember(Sentence, new Answer { Choice = (number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return null;
    }

    /// <summary>The chosen sentence gives way to the member's new one, inside the message it was in; the rest stays as written.</summary>
    private static string? ReplaceSentence(StepContext context)
    {
        var part = context.Answers[ChangingPart].Choice!;
        var texts = context.Answers[part].Texts;
        var chosen = SentencesOf(context.Answers[part])[int.Parse(context.Answers[Sentence].Choice!, System.Globalization.CultureInfo.InvariantCulture)];
        var message = texts[chosen.Message].Reveal();
        var replaced = message[..chosen.Start] + context.Answers["new-sentence"].Texts[0].Reveal().Trim() + message[(chosen.Start + chosen.Text.Length)..];
        context.Remember(part, new Answer { Texts = texts.SetItem(chosen.Message, new MemberText(replaced)) });
        SaveDraft(context);
        context.Say("sentence-replaced");
        return "show-review";
    }

    /// <summary>Each sentence of a part: which message it is in, where it starts, and its words.</summary>
    private static List<(int Message, int Start, string Text)> SentencesOf(Answer answer)
    {
        var sentences = new List<(int, int, string)>();
        for (var message = 0; message < answer.Texts.Count; message++)
        {
            foreach (System.Text.RegularExpressions.Match sentence in SentencePattern().Matches(answer.Texts[message].Reveal()))
            {
                if (sentence.Value.Trim().Length > 0)
                    sentences.Add((message, sentence.Index, sentence.Value.TrimEnd()));
            }
        }
        return sentences;
    }

    /// <summary>A sentence: up to and with its full stop, question or exclamation mark, or the end of a line.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s][^.!?\n]*(?:[.!?]+|$)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex SentencePattern();

    private static string? Save(StepContext context)
    {
        if (context.Answers.ContainsKey(Unsaved))
        {
            context.Say("not-kept-final");
            return EndOfDialog;
        }
        var number = context.State.Statements.Count == 0 ? 1 : context.State.Statements.Max(s => s.Number) + 1;
        context.State = context.State with
        {
            Statements = context.State.Statements.Add(StatementOf(context, number)),
            StatementDraft = null,
        };
        context.Say("saved", ("number", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The sheet at once: a card in Teams, a PDF in the terminal chat, with its download where the host has one.
        var saved = context.State.Statements[^1];
        context.Show(new StatementReply("sheet", context.Line(DialogId, "sheet"), SheetOf(context, saved), saved.Number,
            context.Line(DialogId, "download"), context.Line(DialogId, "too-long-sheet")));
        return EndOfDialog;
    }

    /// <summary>The statement the answers so far make.</summary>
    private static Statement StatementOf(StepContext context, int number)
    {
        var parts = Statement.PartIds.ToImmutableDictionary(part => part, part => context.Answers.GetValueOrDefault(part)?.Texts ?? []);
        var meeting = context.Answers.GetValueOrDefault("meeting") is { Texts.Count: > 0 } given ? given.Texts[0] : null;
        return new Statement(number, context.Turn.AtUtc, meeting, parts);
    }

    /// <summary>A saved statement as a sheet to print or show, in the member's language.</summary>
    public static StatementSheet SheetOf(StepContext context, Statement statement) =>
        SheetOf(statement, context.Language, lineId => context.Line(DialogId, lineId));

    /// <summary>The same, for the host, which reads the wording through <paramref name="line"/> (this dialog's lines).</summary>
    public static StatementSheet SheetOf(Statement statement, string language, Func<string, string> line)
    {
        return new StatementSheet(
            line("title"),
            DateOf(statement, language),
            statement.Meeting?.Reveal(),
            [.. Statement.PartIds.Select(part => new StatementSection(
                line("heading." + part),
                AfterStem(line("heading." + part), string.Join("\n", statement.Parts.GetValueOrDefault(part, []).Select(t => t.Reveal())))))],
            language);
    }

    /// <summary>The day a statement was saved, as each language writes a date: "23. november 2026", "23 November 2026".</summary>
    public static string DateOf(Statement statement, string language) => language == "en"
        ? statement.SavedAtUtc.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))
        : statement.SavedAtUtc.ToString("d. MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));

    /// <summary>A saved statement as the answers of a draft: to show it, or to start a new version from it.</summary>
    public static ImmutableDictionary<string, Answer> AnswersOf(Statement statement)
    {
        var answers = statement.Parts.ToImmutableDictionary(part => part.Key, part => new Answer { Texts = part.Value });
        return statement.Meeting is { } meeting ? answers.SetItem("meeting", new Answer { Texts = [meeting] }) : answers;
    }

    /// <summary>
    /// The member's words as they continue the heading's stem: a member who began with the stem itself ("Så jeg kan få
    /// ro") or with its last word ("at blive hørt" under "Det er vigtigt for mig at") does not see it twice. Only what
    /// is shown changes; their words are kept as written.
    /// </summary>
    public static string AfterStem(string heading, string words)
    {
        var stem = heading.TrimEnd('…', '.', ' ');
        var trimmed = words.TrimStart();
        if (trimmed.StartsWith(stem, StringComparison.CurrentCultureIgnoreCase))
            trimmed = trimmed[stem.Length..].TrimStart('…', '.', ' ', ',', ':');
        else if (stem.Split(' ')[^1] is { Length: > 0 } last && trimmed.StartsWith(last + " ", StringComparison.CurrentCultureIgnoreCase))
            trimmed = trimmed[(last.Length + 1)..];
        return trimmed.Length > 0 ? trimmed : words;
    }

    private static string Words(IReadOnlyDictionary<string, Answer> answers, string step) =>
        answers.GetValueOrDefault(step) is { Texts.Count: > 0 } answer ? string.Join("\n", answer.Texts.Select(t => t.Reveal())) : "";
}

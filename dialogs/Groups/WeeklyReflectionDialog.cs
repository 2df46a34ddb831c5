using System.Collections.Immutable;
using System.Globalization;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// The week's invitation, sent the day after a session: only if they feel like it, with a choice to answer, take
/// another of the week's questions, answer later, skip, or pause the questions. An answer is free text in one or
/// several messages, then a fixed thank-you, then keep it for themselves or mark it to bring to the group. No
/// streaks, no scores, no "you missed". Wording: weekly-reflection.&lt;language&gt;.json.
/// </summary>
public sealed class WeeklyReflectionDialog(IGroupDirectory groups, IReadOnlyDictionary<string, Course> courses, Llm.LanguageModel? model = null) : IDialog
{
    public static readonly DialogId DialogId = new("weekly-reflection");
    private const string Week = "week";

    /// <summary>The position that stands for the peers' own question, and its id in a saved reflection.</summary>
    private const int OwnQuestion = -1;
    public const string OwnQuestionId = "own";

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["ugens spørgsmål", "this week's question", "weekly question"];

    public bool KeepsMemberText => true;

    public bool GoesOnAfterANo => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } =
        ["invite", "invite-other", "statement-offer", "no-group", "first-after", "already-answered", "later", "skipped", "paused", "saved", "saved-bring", "not-kept", "explained", .. GroupPicker.Lines];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("find", FindAsync),
        Ask(GroupPicker.AskStep),
        Do("pick", context => Task.FromResult(GroupPicker.Pick(context))),
        Do("prepare", PrepareAsync),
        Choose("what-now", "answer", "other", "explain", "later", "skip", "pause"),
        Do("route", RouteAsync),
        AskMany("answer"),
        Do("kept?", context => context.State.Consent?.KeepsReflections == true ? null : "save"),
        Say("thanks"),
        Choose("keep-or-bring", "keep", "bring"),
        Do("save", SaveAsync),
    ];

    private IReadOnlyList<Step>? steps;

    /// <summary>The payload of a scheduled turn that invites a member for a group's session.</summary>
    public static string Payload(GroupId group, int session) => $"{DialogId.Value}|{group.Value}|{session.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A scheduled invitation names its group and session; asked for by the member, it is their group's latest session.</summary>
    private async Task<string?> FindAsync(StepContext context)
    {
        if (context.Turn is { Kind: TurnKind.Scheduled, Choice: { } payload })
        {
            // "<dialog>|<group>|<session>", from the invitation or from the reminder that starts this dialog again.
            var (groupId, session, _) = Parse(payload[(payload.IndexOf('|') + 1)..] + "|0");
            context.Remember(Week, new Answer { Choice = $"{groupId.Value}|{session}|0" });
            return "prepare";
        }
        var joined = (await groups.AllAsync(CancellationToken.None))
            .Where(g => g.Participants.Any(p => p.Member == context.Turn.Member))
            .OrderBy(g => g.FirstSessionLocal)
            .ToList();
        var mine = joined.Where(g => GroupSchedule.LatestSession(g, courses[g.CourseId].Sessions.Count, context.Turn.AtUtc) is not null).ToList();
        if (mine.Count == 0 && joined.Count > 0)
        {
            // In a group whose first session is still to come: when the first question comes.
            context.Say("first-after", ("group", joined[0].Name), ("first", CreateGroupDialog.Format(joined[0].FirstSessionLocal, context.Language)));
            return EndOfDialog;
        }
        if (mine.Count == 0)
        {
            context.Say("no-group");
            return EndOfDialog;
        }
        return GroupPicker.Offer(context, mine, "prepare");
    }

    private async Task<string?> PrepareAsync(StepContext context)
    {
        Group? group;
        int session;
        if (context.Answers.TryGetValue(Week, out var week))
        {
            var (groupId, scheduled, _) = Parse(week.Choice!);
            (group, session) = (await groups.FindAsync(groupId, CancellationToken.None), scheduled);
        }
        else
        {
            group = await groups.FindAsync(GroupPicker.Chosen(context), CancellationToken.None);
            session = group is null ? 0 : GroupSchedule.LatestSession(group, courses[group.CourseId].Sessions.Count, context.Turn.AtUtc) ?? 0;
        }
        if (group is null || session == 0)
        {
            context.Say("no-group");
            return EndOfDialog;
        }
        if (group.Week(session).Answered.Contains(context.Turn.Member.Value) && context.Turn.Kind != TurnKind.Scheduled)
            context.Say("already-answered", ("group", group.Name));
        var plan = group.Plan(session);
        var first = plan.OwnQuestion is null ? plan.QuestionIndex : OwnQuestion;
        context.Remember(Week, new Answer { Choice = $"{group.Id.Value}|{session}|{first}" });
        SayInvitation(context, group, session, first);
        return null;
    }

    private async Task<string?> RouteAsync(StepContext context)
    {
        var (groupId, session, question) = Parse(context.Answers[Week].Choice!);
        var choice = context.Answers["what-now"] is { IsSkipped: true } ? "skip" : context.Answers["what-now"].Choice;
        switch (choice)
        {
            case "answer":
                return null;
            case "other":
                var group = await groups.FindAsync(groupId, CancellationToken.None);
                if (group is null)
                    return EndOfDialog;
                var next = question == OwnQuestion ? 0 : (question + 1) % courses[group.CourseId].Sessions[session - 1].Questions.Count;
                context.Remember(Week, new Answer { Choice = $"{groupId.Value}|{session}|{next}" });
                SayInvitation(context, group, session, next, another: true);
                return "what-now";
            case "explain":
                await ExplainAsync(context, groupId, session, question);
                return "what-now";
            case "later":
                context.Say("later");
                return EndOfDialog;
            case "pause":
                context.State = context.State with { IsPaused = true };
                context.Say("paused");
                return EndOfDialog;
            default:
                context.Change(new MarkSkipped(groupId, session, context.Turn.Member));
                context.Say("skipped");
                return EndOfDialog;
        }
    }

    private async Task<string?> SaveAsync(StepContext context)
    {
        var (groupId, session, question) = Parse(context.Answers[Week].Choice!);
        var texts = context.Answers["answer"].Texts;
        if (texts.IsEmpty)
            return EndOfDialog;
        if (context.State.Consent?.KeepsReflections != true)
        {
            // Without the member's yes their words are not kept: answered, and gone when the dialog ends.
            context.Change(new MarkAnswered(groupId, session, context.Turn.Member));
            context.Say("not-kept");
            return EndOfDialog;
        }
        var group = await groups.FindAsync(groupId, CancellationToken.None);
        var questionId = group is null ? "" : question == OwnQuestion ? OwnQuestionId : courses[group.CourseId].Sessions[session - 1].Questions[question].Id;
        var bring = context.Answers["keep-or-bring"].Choice == "bring";
        var ownText = question == OwnQuestion ? group?.Plan(session).OwnQuestion?.Reveal() : null;
        context.State = context.State with { Reflections = context.State.Reflections.Add(new Reflection(groupId, session, questionId, texts, bring, context.Turn.AtUtc, OwnQuestionText: ownText)) };
        context.Change(new MarkAnswered(groupId, session, context.Turn.Member));
        // With the member's yes, a language model may reflect their words back first; the guard decides, and without
        // a sentence that passed it, only the fixed line is said.
        if (model is not null && group is not null)
        {
            var asked = ownText ?? courses[group.CourseId].Sessions[session - 1].Questions[Math.Max(question, 0)].In(context.Language);
            if (await model.ReflectAsync(context, asked, texts) is { } reflected)
                context.Show(new TextReply(LlmReflectionLine, reflected));
        }
        context.Say(bring ? "saved-bring" : "saved");
        return null;
    }

    /// <summary>The line id of a model's reflection, for the log: its words are not a content line.</summary>
    public const string LlmReflectionLine = "llm-reflection";

    /// <summary>The line id of a model's plainer wording of the week's question.</summary>
    public const string LlmQuestionLine = "llm-question";

    /// <summary>
    /// "Hvad mener du?": with the member's yes to the language model, the question in plainer words, if the guard passes
    /// them; always the fixed line that there is no right answer. Only the question goes to the model, none of the
    /// member's words.
    /// </summary>
    private async Task ExplainAsync(StepContext context, GroupId groupId, int session, int question)
    {
        var group = await groups.FindAsync(groupId, CancellationToken.None);
        if (model is not null && group is not null)
        {
            var asked = question == OwnQuestion && group.Plan(session).OwnQuestion is { } own
                ? own.Reveal()
                : courses[group.CourseId].Sessions[session - 1].Questions[Math.Max(question, 0)].In(context.Language);
            if (await model.RephraseAsync(context, asked) is { } plainer)
                context.Show(new TextReply(LlmQuestionLine, plainer));
        }
        context.Say("explained");
    }

    /// <summary>The week's question; "only if you feel like it" is said with the first, not again with <paramref name="another"/>.</summary>
    private void SayInvitation(StepContext context, Group group, int session, int question, bool another = false)
    {
        // A question the peers wrote themselves is shown as they wrote it, in the group's language.
        var text = question == OwnQuestion && group.Plan(session).OwnQuestion is { } own
            ? own.Reveal()
            : courses[group.CourseId].Sessions[session - 1].Questions[Math.Max(question, 0)].In(context.Language);
        context.Say(another ? "invite-other" : "invite", ("group", group.Name), ("question", text));
        // Session 8's last question is about a personal statement: the conversation that writes one is offered too.
        if (question >= 0 && courses[group.CourseId].Sessions[session - 1].Questions[question].Id == StatementQuestionId)
            context.Say("statement-offer");
    }

    private const string StatementQuestionId = "8c";

    private static (GroupId Group, int Session, int Question) Parse(string week)
    {
        var parts = week.Split('|');
        return (new GroupId(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

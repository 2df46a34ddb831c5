using System.Collections.Immutable;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Privacy;
using PeerBot.Dialogs.Safety;

namespace PeerBot.Dialogs.Conversations;

/// <summary>
/// The result of one turn: the state to save and the replies to send once it is saved. <see cref="SafetyRule"/> names
/// the crisis rule that matched, for the log; null on an ordinary turn.
/// <see cref="Changes"/> are the group changes the turn asked for, to be made once its state is saved.
/// </summary>
public sealed record TurnResult(ConversationState State, IReadOnlyList<Reply> Replies, string? SafetyRule = null, bool DeleteEverything = false)
{
    public IReadOnlyList<Groups.GroupChange> Changes { get; init; } = [];
}

/// <summary>
/// Runs dialogs. Crisis language comes first, before anything else sees the message, and gets the fixed crisis reply;
/// then global words (help, help now, cancel/stop, pause, resume, language); then the active dialog's waiting step,
/// or, with no dialog under way, a dialog's start words or the companion. It writes nothing: it takes the saved state
/// and returns the new one with the group changes the turn asks for, and the host stores both (dialogs may read
/// groups while they run).
/// </summary>
public sealed class DialogEngine
{
    /// <summary>The engine's own lines (engine.&lt;language&gt;.json).</summary>
    public const string EngineDialog = "engine";

    private static readonly DialogId Engine = new(EngineDialog);

    /// <summary>Unrecognised answers a step accepts before the member is offered the question again or to put it away.</summary>
    public const int MaxRetries = 2;

    private const int MaxStepsPerTurn = 100;

    private static readonly string[] EngineLineIds =
        ["help-in-dialog", "cancelled", "nothing-to-cancel", "paused", "resumed", "resumed-next", "gave-up", "changed-dialog", "yes", "no", "more-short", "more-again", "done-idle", "delete-only-peer", "gave-up." + AskAgain, "gave-up." + PutAway,
         DidYouMeanLine, DidYouMeanLine + ".yes", DidYouMeanLine + ".no", DidYouMeanOrAnswerLine, DidYouMeanOrAnswerLine + ".yes", DidYouMeanOrAnswerLine + ".no"];

    /// <summary>The choices after answers the bot did not understand: the question again, or put it away.</summary>
    private const string AskAgain = "ask-again";
    private const string PutAway = "put-away";

    private const string DidYouMeanLine = "did-you-mean";
    private const string DidYouMeanOrAnswerLine = "did-you-mean-or-answer";
    private const string DidYouMeanYes = "did-you-mean.yes";
    private const string DidYouMeanNo = "did-you-mean.no";

    private readonly Dictionary<DialogId, IDialog> dialogs;
    private readonly ContentCatalog content;
    private readonly Companion.Companion companion;
    private readonly CrisisDetector crisisDetector;
    private readonly CrisisReply crisisReply;
    private readonly MemberDataExport export;
    private readonly IMemberGroups? memberGroups;
    private readonly Commands commands;

    public DialogEngine(IEnumerable<IDialog> dialogs, ContentCatalog content, Companion.Companion companion, CrisisDetector crisisDetector, CrisisReply crisisReply,
        IMemberGroups? memberGroups = null)
    {
        this.memberGroups = memberGroups;
        export = new MemberDataExport(content);
        this.dialogs = dialogs.ToDictionary(d => d.Id);
        commands = new Commands(this.dialogs.Values);
        this.content = content;
        this.companion = companion;
        this.crisisDetector = crisisDetector;
        this.crisisReply = crisisReply;
        foreach (var dialog in this.dialogs.Values)
            CheckSteps(dialog);
    }

    public static IEnumerable<LineRef> EngineLines => EngineLineIds.Select(id => new LineRef(EngineDialog, id));

    /// <summary>Every line a dialog says, for the start-up check of the content files.</summary>
    public static IEnumerable<LineRef> LinesUsedBy(IDialog dialog)
    {
        LineRef Line(string id) => new(dialog.Id.Value, id);
        foreach (var id in dialog.LinesSaidByActions)
            yield return Line(id);
        foreach (var step in dialog.Steps)
        {
            switch (step)
            {
                case SayStep or AskStep:
                    yield return Line(step.Id);
                    if (step is AskStep { Many: true })
                        yield return Line(step.Id + ".more");
                    break;
                case ChooseStep choose:
                    yield return Line(choose.Id);
                    yield return Line(choose.Id + ".retry");
                    foreach (var option in choose.Options)
                        yield return Line($"{choose.Id}.{option}");
                    break;
                case ConfirmStep:
                    yield return Line(step.Id);
                    yield return Line(step.Id + ".retry");
                    break;
            }
        }
    }

    public async Task<TurnResult> RunAsync(ConversationState state, Turn turn)
    {
        var run = new Run(turn, state.Language ?? turn.Language, state);
        await RunAsync(run);
        // A step found crisis language the detector missed (the language model's second opinion): the member gets the
        // crisis reply after what the step said, and the caring mode follows as after any crisis reply.
        if (run.LateCrisisRule is { } lateRule && run.SafetyRule is null)
            await CaringAsync(run, CaringAction.Disclosure, lateRule);
        if (run.DeleteEverything)
            return new TurnResult(ConversationState.New, run.Replies, run.SafetyRule, DeleteEverything: true) { Changes = run.Changes };
        // A language the member chose is remembered; otherwise each turn follows the Teams locale.
        var next = run.Settings with { Language = run.HasChosenLanguage ? run.Language : state.Language, Dialogs = run.Stack };
        return new TurnResult(next == state ? state : next, run.Replies, run.SafetyRule) { Changes = run.Changes };
    }

    private async Task RunAsync(Run run)
    {
        var turn = run.Turn;
        var crisisRule = (turn.Text ?? turn.TypedInCard) is { } said ? crisisDetector.Detect(said.Reveal()) : null;
        var global = turn switch
        {
            { Kind: TurnKind.Message, Text: { } text } => Words.Global(text.Reveal()),
            { Kind: TurnKind.Choice, Choice: Companion.Companion.HelpNowChoice } => GlobalWord.HelpNow,
            { Kind: TurnKind.Choice, Choice: CrisisReply.ResumeChoice } => GlobalWord.Resume,
            { Kind: TurnKind.Choice, Choice: "gave-up." + PutAway } => GlobalWord.Cancel,
            _ => GlobalWord.None,
        };
        // "Mente du …?" waits for this turn only: whatever the member does next answers it or leaves it.
        var asked = run.Settings.Asked;
        if (asked is not null)
            run.Settings = run.Settings with { Asked = null };
        // Messages not understood are counted only while they come in a row.
        var unclearBefore = run.Settings.UnclearInARow;
        if (unclearBefore > 0)
            run.Settings = run.Settings with { UnclearInARow = 0 };
        if (await CaringAsync(run, CaringMode.Decide(run.Settings.Caring, crisisRule is not null, turn, global), crisisRule))
            return;
        if (asked is not null && await AnsweredDidYouMeanAsync(run, asked))
            return;
        if (await GlobalAsync(run, global))
            return;

        if (turn is { Kind: TurnKind.Scheduled, Choice: { } payload })
        {
            // The bot's own prompts wait while the member paused them, after a crisis reply, without their yes, and
            // while they are in the middle of something else.
            var held = run.Settings.IsPaused || run.Settings.PromptsHeldUntilUtc > turn.AtUtc || run.Settings.Consent?.KeepsReflections != true || !run.Stack.IsEmpty;
            if (!held && dialogs.TryGetValue(new DialogId(payload.Split('|')[0]), out var scheduled))
                await BeginAsync(run, scheduled);
            return;
        }
        if (!run.Stack.IsEmpty && turn.Kind != TurnKind.Installed)
        {
            await ContinueAsync(run);
            return;
        }
        if (turn is { Kind: TurnKind.Installed, Place: Place.Personal })
        {
            await CompanionAsync(run, turn);
            if (run.Settings.Consent is null && run.Stack.IsEmpty)
                await BeginAsync(run, dialogs[ConsentDialog.DialogId]);
            return;
        }
        if (turn is { Kind: TurnKind.Message, Text: { } message, Place: Place.Personal } && Words.Normalize(message.Reveal()) is var typed)
        {
            if (commands.Exact(typed) is { Dialog: { } started })
            {
                await BeginAsync(run, dialogs[started]);
                return;
            }
            if (await StartedWithAnAnswerAsync(run, typed))
                return;
            if (commands.Near(typed) is { } meant)
            {
                AskDidYouMean(run, meant, answer: null);
                return;
            }
            if (Words.IsDone(typed))
            {
                // "færdig" with nothing under way still gets an answer.
                SayEngine(run, "done-idle");
                return;
            }
            if (global != GlobalWord.Help)
            {
                run.Settings = run.Settings with { UnclearInARow = unclearBefore + 1 };
                await CompanionAsync(run, turn, unclearBefore + 1);
                return;
            }
        }
        await CompanionAsync(run, turn);
    }

    /// <summary>
    /// Start words with the first answer after them ("deltag K7QX-M2PA", "join K7QX-M2PA"): the dialog starts and takes
    /// the rest as that answer, without asking first. True when the turn is answered.
    /// </summary>
    private async Task<bool> StartedWithAnAnswerAsync(Run run, string typed)
    {
        var found = dialogs.Values.Where(d => d.StartWordsTakeAnAnswer)
            .SelectMany(d => d.StartWords.Where(word => typed.StartsWith(word + " ", StringComparison.Ordinal)).Select(word => (Dialog: d, Word: word)))
            .OrderByDescending(d => d.Word.Length)
            .FirstOrDefault();
        if (found.Dialog is null)
            return false;
        var before = run.Replies.Count;
        await BeginAsync(run, found.Dialog);
        if (run.Top.Dialog != found.Dialog.Id || WaitingStep(run.Top) is not AskStep)
            return true;   // it asks for consent first: the answer can come after that
        run.Replies.RemoveRange(before, run.Replies.Count - before);
        run.Turn = run.Turn with { Text = new MemberText(typed[(found.Word.Length + 1)..]) };
        await ContinueAsync(run, askAboutCommands: false);
        return true;
    }

    /// <summary>
    /// The companion's answer: the welcome, or what PeerBot can do, told differently to someone not yet in a group,
    /// and shorter to a message that is the second or third in a row it did not understand.
    /// </summary>
    private async Task CompanionAsync(Run run, Turn turn, int unclearInARow = 0)
    {
        var inAGroup = turn.Place != Place.Personal || memberGroups is null || (await GroupsOfAsync(turn)).Count > 0;
        run.Replies.AddRange(companion.Respond(turn with { Language = run.Language }, inAGroup, unclearInARow));
    }

    /// <summary>Words that work at any point ("hjælp", "stop", "pause", ...). True when the turn is answered.</summary>
    private async Task<bool> GlobalAsync(Run run, GlobalWord global)
    {
        var turn = run.Turn;
        if (global is GlobalWord.Consent or GlobalWord.MyData or GlobalWord.DeleteMyData && turn.Place != Place.Personal)
            global = GlobalWord.None;   // a member's data is only ever shown or changed in their own 1:1 chat
        switch (global)
        {
            case GlobalWord.Consent:
                await BeginAsync(run, dialogs[ConsentDialog.DialogId]);
                return true;
            case GlobalWord.DeleteMyData:
                // The only peer of a group hears first that the group would be left without one.
                foreach (var group in (await GroupsOfAsync(turn)).Where(g => g.IsOnlyFacilitator))
                    run.Replies.Add(new TextReply("delete-only-peer", Line(run, Engine, "delete-only-peer", ("name", group.Name))));
                await BeginAsync(run, dialogs[DeleteDataDialog.DialogId]);
                return true;
            case GlobalWord.MyData:
                run.Replies.Add(export.Export(run.Loaded, turn, run.Language, await GroupsOfAsync(turn)));
                if (!run.Stack.IsEmpty && WaitingStep(run.Top) is { } stillWaiting)
                    Prompt(run, run.Top, stillWaiting, retry: false);
                return true;
            case GlobalWord.HelpNow:
                run.Replies.AddRange(crisisReply.HelpNow(run.Language, turn.AtUtc, await RegionAsync(run)));
                return true;
            case GlobalWord.Help when !run.Stack.IsEmpty && WaitingStep(run.Top) is { } asked:
                SayEngine(run, "help-in-dialog");
                Prompt(run, run.Top, asked, retry: false);
                return true;
            case GlobalWord.Cancel:
                SayEngine(run, run.Stack.IsEmpty ? "nothing-to-cancel" : "cancelled");
                run.Stack = [];
                run.Settings = run.Settings with { Caring = null };
                return true;
            case GlobalWord.Pause:
                run.Settings = run.Settings with { IsPaused = true };
                SayEngine(run, "paused");
                return true;
            case GlobalWord.Resume:
                run.Settings = run.Settings with { IsPaused = false, PromptsHeldUntilUtc = null, Caring = null };
                // When the next question comes, from the group whose question comes first.
                if ((await GroupsOfAsync(turn)).Where(g => g.NextQuestionLocal is not null).MinBy(g => g.NextQuestionLocal) is { } next)
                    run.Replies.Add(new TextReply("resumed-next", Line(run, Engine, "resumed-next",
                        ("group", next.Name), ("when", Groups.CreateGroupDialog.Format(next.NextQuestionLocal!.Value, run.Language)))));
                else
                    SayEngine(run, "resumed");
                if (!run.Stack.IsEmpty && WaitingStep(run.Top) is { } waiting)
                    Prompt(run, run.Top, waiting, retry: false);
                return true;
            case GlobalWord.Language when dialogs.ContainsKey(Language.LanguageDialog.DialogId):
                await BeginAsync(run, dialogs[Language.LanguageDialog.DialogId]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The member's answer to "Mente du …?": yes runs the command, on top of what was under way; no gives a message
    /// written where an answer was expected to that question after all, or asks the waiting question again. Anything
    /// else is a new message (false).
    /// </summary>
    private async Task<bool> AnsweredDidYouMeanAsync(Run run, DidYouMean asked)
    {
        var said = run.Turn switch
        {
            { Kind: TurnKind.Choice, Choice: DidYouMeanYes } => true,
            { Kind: TurnKind.Choice, Choice: DidYouMeanNo } => false,
            { Kind: TurnKind.Message, Text: { } text } => YesOrNoTyped(text.Reveal()),
            _ => null,
        };
        if (said is null)
            return false;
        if (said == true && commands.Exact(asked.Phrase) is { } command)
        {
            if (!await GlobalAsync(run, command.Global) && command.Dialog is { } dialog)
                await BeginOnTopAsync(run, dialogs[dialog]);
            else if (command.Global == GlobalWord.Help && run.Stack.IsEmpty)
                await CompanionAsync(run, run.Turn);
            return true;
        }
        if (asked.Answer is not null && !run.Stack.IsEmpty)
        {
            run.Turn = run.Turn with { Kind = TurnKind.Message, Text = asked.Answer, Choice = null };
            await ContinueAsync(run, askAboutCommands: false);
        }
        else if (!run.Stack.IsEmpty && WaitingStep(run.Top) is { } waiting)
            Prompt(run, run.Top, waiting, retry: false);
        else
            await CompanionAsync(run, run.Turn with { Kind = TurnKind.Message });
        return true;
    }

    /// <summary>Asks whether the member meant a command; <paramref name="answer"/> is their message when a question waited for one.</summary>
    private void AskDidYouMean(Run run, Command command, MemberText? answer)
    {
        run.Settings = run.Settings with { Asked = new DidYouMean(command.Phrase, answer) };
        var lineId = answer is null ? DidYouMeanLine : DidYouMeanOrAnswerLine;
                (string, string) named = ("command", command.Phrase);
        run.Replies.Add(new ChoiceReply(lineId, Line(run, Engine, lineId, named),
            [new Choice(DidYouMeanYes, Line(run, Engine, lineId + ".yes", named)), new Choice(DidYouMeanNo, Line(run, Engine, lineId + ".no", named))]));
    }

    /// <summary>
    /// Starts a dialog the member asked for while another was under way: that one waits underneath and its question
    /// comes back when this one ends. The same dialog already under way starts afresh.
    /// </summary>
    private async Task BeginOnTopAsync(Run run, IDialog dialog)
    {
        var already = run.Stack.FindIndex(frame => frame.Dialog == dialog.Id);
        if (already >= 0)
            run.Stack = run.Stack.RemoveRange(already, run.Stack.Count - already);
        await BeginAsync(run, dialog);
    }

    /// <summary>
    /// Crisis language first, before anything else sees the message, and the caring mode after it (see
    /// <see cref="CaringMode"/>). The member's message goes to no dialog step: what was under way waits, to resume.
    /// True when the turn is answered.
    /// </summary>
    private async Task<bool> CaringAsync(Run run, CaringAction action, string? crisisRule)
    {
        var turn = run.Turn;
        var caringFor = turn.AtUtc + crisisReply.PausePromptsFor;
        switch (action)
        {
            case CaringAction.Disclosure or CaringAction.RepeatedDisclosure:
                run.SafetyRule = crisisRule;
                run.Settings = run.Settings with { PromptsHeldUntilUtc = caringFor };
                if (turn.Place == Place.Personal)
                    run.Settings = run.Settings with { Caring = new Caring(caringFor, run.Settings.Caring?.Turns ?? 0) };
                run.Replies.AddRange(action == CaringAction.Disclosure
                    ? crisisReply.ForCrisis(run.Language, turn.AtUtc, hasInterruptedDialog: !run.Stack.IsEmpty, await RegionAsync(run))
                    : crisisReply.ForRepeatedCrisis(run.Language, turn.AtUtc, await RegionAsync(run)));
                return true;
            case CaringAction.HelpLines:
                run.Replies.AddRange(crisisReply.HelpNow(run.Language, turn.AtUtc, await RegionAsync(run)));
                return true;
            case CaringAction.Acknowledge:
                var caring = run.Settings.Caring! with { Turns = run.Settings.Caring!.Turns + 1 };
                run.Settings = run.Settings with { Caring = caring };
                run.Replies.AddRange(crisisReply.WhileCaring(run.Language, caring.Turns));
                return true;
            case CaringAction.Back:
                run.Settings = run.Settings with { Caring = null, PromptsHeldUntilUtc = null };
                run.Replies.Add(crisisReply.Back(run.Language, hasInterruptedDialog: !run.Stack.IsEmpty));
                if (!run.Stack.IsEmpty && WaitingStep(run.Top) is { } waiting)
                    Prompt(run, run.Top, waiting, retry: false);
                return true;
            case CaringAction.Leave:
                run.Settings = run.Settings with { Caring = null };
                return false;
            default:
                return false;
        }
    }

    private async Task<IReadOnlyList<MemberGroup>> GroupsOfAsync(Turn turn) =>
        memberGroups is null ? [] : await memberGroups.GroupsOfAsync(turn.Member, turn.AtUtc, CancellationToken.None);

    private async Task<string?> RegionAsync(Run run)
    {
        var region = memberGroups is null ? null : await memberGroups.RegionOfAsync(run.Turn.Member, CancellationToken.None);
        return crisisReply.KnowsRegion(region) ? region : null;
    }

    private async Task BeginAsync(Run run, IDialog dialog)
    {
        // A dialog that keeps what the member writes waits for their yes: it is put under the question about that and
        // begins once the answer is yes (a no drops it, see ApplyConsent).
        run.Stack = run.Stack.Add(new DialogProgress(dialog.Id, VersionOf(dialog.Id), null, ImmutableDictionary<string, Answer>.Empty, 0));
        if (dialog.KeepsMemberText && run.Settings.Consent?.KeepsReflections != true && !(dialog.GoesOnAfterANo && run.Settings.Consent is not null))
        {
            dialog = dialogs[ConsentDialog.DialogId];
            run.Stack = run.Stack.Add(new DialogProgress(dialog.Id, VersionOf(dialog.Id), null, ImmutableDictionary<string, Answer>.Empty, 0));
        }
        await AdvanceAsync(run, dialog.Steps[0].Id);
    }

    private async Task ContinueAsync(Run run, bool askAboutCommands = true)
    {
        var frame = run.Top;
        var dialog = dialogs.GetValueOrDefault(frame.Dialog);
        if (dialog is null)
        {
            // A dialog that no longer exists cannot go on; the member is told, and nothing half-done stays behind.
            run.Stack = run.Stack.RemoveAt(run.Stack.Count - 1);
            SayEngine(run, "changed-dialog");
            return;
        }
        frame = run.Top = frame with { ContentVersion = VersionOf(dialog.Id) };
        var step = WaitingStep(frame);
        if (step is null)
        {
            // The step this member was waiting at is gone from a changed dialog: go on at the next unanswered one.
            await AdvanceAsync(run, FirstUnanswered(dialog, frame.Answers));
            return;
        }

        if (run.Turn is { Kind: TurnKind.Choice, Choice: "gave-up." + AskAgain })
        {
            Prompt(run, run.Top, step, retry: false);
            return;
        }
        var text = run.Turn.Text?.Reveal();
        if (text is not null && Words.IsSkip(text) && IsSkippable(step))
        {
            Record(run, step, Answer.Skipped);
            await AdvanceAsync(run, NextId(dialog, step.Id));
            return;
        }
        if (askAboutCommands && run.Turn.Kind == TurnKind.Message && text is not null && await CommandWhileWaitingAsync(run, step, text))
            return;

        if (step is AskStep { Many: true } many && text is not null && !Words.IsDone(text) && !string.IsNullOrWhiteSpace(text))
        {
            var sofar = frame.Answers.GetValueOrDefault(many.Id) ?? new Answer();
            Record(run, many, sofar with { Texts = sofar.Texts.Add(run.Turn.Text!) });
            run.Top = run.Top with { WaitingFor = many.Id };
            // The step's own line after the first message; after later ones, shorter engine lines in turn.
            if (sofar.Texts.IsEmpty)
                Say(run, dialog.Id, many.Id + ".more");
            else
                SayEngine(run, sofar.Texts.Count % 2 == 1 ? "more-short" : "more-again");
            return;
        }

        var answer = Recognize(step, run.Turn, frame);
        if (answer is null)
        {
            var attempts = frame.Attempts + 1;
            if (attempts > MaxRetries)
            {
                // Never a dead end: the question again, or put away, and what was under way waits until then.
                run.Top = frame with { Attempts = 0 };
                                run.Replies.Add(new ChoiceReply("gave-up", Line(run, Engine, "gave-up"),
                    [new Choice("gave-up." + AskAgain, Line(run, Engine, "gave-up." + AskAgain)), new Choice("gave-up." + PutAway, Line(run, Engine, "gave-up." + PutAway))]));
                return;
            }
            run.Top = frame with { Attempts = attempts };
            Prompt(run, run.Top, step, retry: true);
            return;
        }
        Record(run, step, answer);
        await AdvanceAsync(run, NextId(dialog, step.Id));
    }

    /// <summary>
    /// A command typed while a question waits. An answer that could belong to a choice stays with it; a command typed
    /// at a choice starts (what was under way waits underneath); where free text is expected, or when the message is a
    /// slip away from a command, the member is asked what they meant. True when the turn is answered.
    /// </summary>
    private async Task<bool> CommandWhileWaitingAsync(Run run, Step step, string text)
    {
        var normal = Words.Normalize(text);
        var written = step is AskStep ? run.Turn.Text : null;
        if (step is ChooseStep or ConfirmStep)
        {
            if (Recognize(step, run.Turn, run.Top) is not null)
                return false;
            if (commands.Exact(normal) is { Dialog: { } dialog })
            {
                await BeginOnTopAsync(run, dialogs[dialog]);
                return true;
            }
        }
        else if (step is AskStep && commands.Exact(normal) is { } typed)
        {
            AskDidYouMean(run, typed, written);
            return true;
        }
        if (commands.Near(normal) is not { } meant)
            return false;
        AskDidYouMean(run, meant, written);
        return true;
    }

    /// <summary>Runs steps from <paramref name="stepId"/> until one waits for the member or every dialog has ended.</summary>
    private async Task AdvanceAsync(Run run, string? stepId)
    {
        for (var guard = 0; guard < MaxStepsPerTurn; guard++)
        {
            var frame = run.Top;
            var dialog = dialogs[frame.Dialog];
            var step = stepId is null or Steps.EndOfDialog ? null
                : dialog.Steps.FirstOrDefault(s => s.Id == stepId)
                  ?? throw new InvalidOperationException($"Dialog {dialog.Id} has no step '{stepId}'");
            if (step is null)
            {
                run.Stack = run.Stack.RemoveAt(run.Stack.Count - 1);
                if (run.Stack.IsEmpty)
                    return;
                var parent = run.Top;
                var parentDialog = dialogs[parent.Dialog];
                if (parent.WaitingFor is null)
                {
                    // It was waiting for the member's yes to keeping their words, which has now been given.
                    stepId = parentDialog.Steps[0].Id;
                    continue;
                }
                if (parentDialog.Steps.FirstOrDefault(s => s.Id == parent.WaitingFor) is StartStep startedBy && startedBy.Dialog == frame.Dialog)
                {
                    run.Top = parent with { Answers = parent.Answers.SetItem(startedBy.Id, new Answer { Nested = frame.Answers }) };
                    stepId = NextId(parentDialog, startedBy.Id);
                    continue;
                }
                // A dialog a global word started on top ("sprog", "samtykke") is done: back to the question that waited.
                if (WaitingStep(parent) is { } waiting)
                    Prompt(run, parent, waiting, retry: false);
                return;
            }

            switch (step)
            {
                case SayStep:
                    Say(run, dialog.Id, step.Id);
                    stepId = NextId(dialog, step.Id);
                    break;
                case AskStep or ChooseStep or ConfirmStep:
                    run.Top = frame with { WaitingFor = step.Id, Attempts = 0 };
                    Prompt(run, run.Top, step, retry: false);
                    return;
                case GoToStep goTo:
                    stepId = goTo.Target;
                    break;
                case DoStep action:
                    var context = new StepContext(run.Turn, frame.Answers, frame.ContentVersion)
                    {
                        Language = run.Language,
                        State = run.Settings with { Dialogs = run.Stack },
                        ReadLine = (owner, lineId, language) => content.Line(new LineRef(owner.Value, lineId), language),
                    };
                    var jump = await action.Action(context);
                    run.Top = run.Top with { Answers = context.Answers };
                    var consentBefore = run.Settings.Consent;
                    run.Settings = context.State;
                    foreach (var (lineId, values, reply) in context.Said)
                        run.Replies.Add(reply ?? new TextReply(lineId!, content.Line(new LineRef(dialog.Id.Value, lineId!), context.Language, values)));
                    if (context.Language != run.Language)
                    {
                        run.Language = context.Language;
                        run.HasChosenLanguage = true;
                    }
                    ApplyConsent(run, consentBefore);
                    run.Changes.AddRange(context.Changes);
                    run.LateCrisisRule ??= context.CrisisRule;
                    if (context.DeleteEverything)
                    {
                        // Nothing under way survives; this dialog only says that it is done.
                        run.DeleteEverything = true;
                        run.Stack = [run.Top];
                    }
                    stepId = jump ?? NextId(dialog, step.Id);
                    break;
                case StartStep start:
                    run.Top = frame with { WaitingFor = start.Id };
                    run.Stack = run.Stack.Add(new DialogProgress(start.Dialog, VersionOf(start.Dialog), null, ImmutableDictionary<string, Answer>.Empty, 0));
                    stepId = dialogs[start.Dialog].Steps[0].Id;
                    break;
            }
        }
        throw new InvalidOperationException($"Dialog {run.Top.Dialog} ran {MaxStepsPerTurn} steps without waiting for the member; a GoTo loop?");
    }

    /// <summary>
    /// Records a consent answer; a no also drops the member's words from dialogs under way that keep them. A dialog
    /// that asks its own consent and has not begun (it waited for this answer) begins and asks.
    /// </summary>
    private void ApplyConsent(Run run, Consent? before)
    {
        var consent = run.Settings.Consent;
        if (consent == before)
            return;
        if (consent?.KeepsReflections != true)
            // A dialog that asks its own question (a statement) and has not begun yet goes on to ask it.
            run.Stack = run.Stack.RemoveAll(frame => dialogs.TryGetValue(frame.Dialog, out var d) && d.KeepsMemberText && !(d.GoesOnAfterANo && frame.WaitingFor is null));
    }

    private Answer? Recognize(Step step, Turn turn, DialogProgress frame)
    {
        var text = turn.Text?.Reveal()?.Trim();
        switch (step)
        {
            case AskStep ask when ask.Many && text is not null:
                return frame.Answers.GetValueOrDefault(ask.Id) ?? new Answer();
            case AskStep when turn.Kind == TurnKind.Message && !string.IsNullOrWhiteSpace(text):
                return new Answer { Texts = [turn.Text!] };
            case ChooseStep choose:
                var choice = turn.Choice is { } picked && choose.Options.Contains(picked) ? picked : ChoiceFromText(choose, frame.Dialog, text);
                return choice is null ? null : new Answer { Choice = choice };
            case ConfirmStep:
                var yes = turn.Choice switch { "yes" => true, "no" => false, _ => text is null ? null : YesOrNoTyped(text) };
                return yes is null ? null : new Answer { Yes = yes };
            default:
                return null;
        }
    }

    /// <summary>A choice typed as its number ("2") or its label, in either language ("English", "dansk").</summary>
    private string? ChoiceFromText(ChooseStep choose, DialogId dialog, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text, out var number) && number >= 1 && number <= choose.Options.Count)
            return choose.Options[number - 1];
        var normal = Words.Normalize(text);
        return choose.Options.FirstOrDefault(option => Languages.All.Any(language =>
            Words.Normalize(content.Line(new LineRef(dialog.Value, $"{choose.Id}.{option}"), language)) == normal));
    }

    private void Prompt(Run run, DialogProgress frame, Step step, bool retry)
    {
        var lineId = retry && step is ChooseStep or ConfirmStep ? step.Id + ".retry" : step.Id;
        var text = Line(run, frame.Dialog, lineId);
        switch (step)
        {
            case ChooseStep choose:
                run.Replies.Add(new ChoiceReply(lineId, text,
                    [.. choose.Options.Select(o => new Choice(o, Line(run, frame.Dialog, $"{choose.Id}.{o}")))]));
                break;
            case ConfirmStep:
                run.Replies.Add(new ChoiceReply(lineId, text,
                    [new Choice("yes", Line(run, Engine, "yes")), new Choice("no", Line(run, Engine, "no"))]));
                break;
            default:
                run.Replies.Add(new TextReply(lineId, text));
                break;
        }
    }

    /// <summary>Yes or no as words, or as the number of its button ("1" yes, "2" no: the order they are shown in).</summary>
    private static bool? YesOrNoTyped(string text) => text.Trim() switch
    {
        "1" => true,
        "2" => false,
        _ => Words.YesOrNo(text),
    };

    private static void Record(Run run, Step step, Answer answer) =>
        run.Top = run.Top with { Answers = run.Top.Answers.SetItem(step.Id, answer), Attempts = 0 };

    private Step? WaitingStep(DialogProgress frame) =>
        frame.WaitingFor is { } id && dialogs.TryGetValue(frame.Dialog, out var dialog)
            ? dialog.Steps.FirstOrDefault(s => s.Id == id && s is AskStep or ChooseStep or ConfirmStep or StartStep)
            : null;

    private static string? FirstUnanswered(IDialog dialog, ImmutableDictionary<string, Answer> answers) =>
        dialog.Steps.FirstOrDefault(s => s is AskStep or ChooseStep or ConfirmStep && !answers.ContainsKey(s.Id))?.Id;

    private static string? NextId(IDialog dialog, string stepId)
    {
        var index = dialog.Steps.ToList().FindIndex(s => s.Id == stepId);
        return index + 1 < dialog.Steps.Count ? dialog.Steps[index + 1].Id : null;
    }

    private static bool IsSkippable(Step step) => step switch
    {
        AskStep ask => ask.Skippable,
        ChooseStep choose => choose.Skippable,
        ConfirmStep confirm => confirm.Skippable,
        _ => false,
    };

    private int VersionOf(DialogId dialog) => content.Version(dialog.Value, Languages.Danish);

    private void Say(Run run, DialogId dialog, string lineId) => run.Replies.Add(new TextReply(lineId, Line(run, dialog, lineId)));

    private void SayEngine(Run run, string lineId) => Say(run, Engine, lineId);

    private string Line(Run run, DialogId dialog, string lineId, params (string Name, string Value)[] values) =>
        content.Line(new LineRef(dialog.Value, lineId), run.Language, values);

    private void CheckSteps(IDialog dialog)
    {
        if (dialog.Steps.Count == 0)
            throw new InvalidOperationException($"Dialog {dialog.Id} has no steps");
        var ids = new HashSet<string>();
        foreach (var step in dialog.Steps)
        {
            if (!ids.Add(step.Id))
                throw new InvalidOperationException($"Dialog {dialog.Id} has two steps with id '{step.Id}'");
        }
        foreach (var step in dialog.Steps)
        {
            if (step is GoToStep goTo && !ids.Contains(goTo.Target))
                throw new InvalidOperationException($"Dialog {dialog.Id}: '{step.Id}' goes to unknown step '{goTo.Target}'");
            if (step is StartStep start && !dialogs.ContainsKey(start.Dialog))
                throw new InvalidOperationException($"Dialog {dialog.Id}: '{step.Id}' starts unknown dialog '{start.Dialog}'");
        }
    }

    /// <summary>One turn under way: the member's settings as they change, the dialog stack, and what the bot says.</summary>
    private sealed class Run(Turn turn, string language, ConversationState loaded)
    {
        /// <summary>The member's turn; a message they wrote before ("Mente du …?" answered no) may take its place.</summary>
        public Turn Turn { get; set; } = turn;
        public ConversationState Loaded { get; } = loaded;
        public string Language { get; set; } = language;
        public bool HasChosenLanguage { get; set; }
        public string? SafetyRule { get; set; }
        public string? LateCrisisRule { get; set; }
        public bool DeleteEverything { get; set; }

        /// <summary>Consent, pause, reflections, reminders...; its Language and Dialogs are kept in the properties beside it.</summary>
        public ConversationState Settings { get; set; } = loaded;

        public ImmutableList<DialogProgress> Stack { get; set; } = loaded.Dialogs;
        public List<Reply> Replies { get; } = [];
        public List<Groups.GroupChange> Changes { get; } = [];

        public DialogProgress Top
        {
            get => Stack[^1];
            set => Stack = Stack.SetItem(Stack.Count - 1, value);
        }
    }
}

using System.Collections.Immutable;

namespace PeerBot.Dialogs.Conversations;

/// <summary>
/// One step of a dialog, addressed by its <see cref="Id"/>, which is also the id of its line in the dialog's
/// content file. Progress is saved by step id, never by position.
/// </summary>
public abstract record Step(string Id);

/// <summary>Says the line and goes on.</summary>
public sealed record SayStep(string Id) : Step(Id);

/// <summary>
/// Asks for free text and waits. With <see cref="Many"/>, every message is kept until the member writes
/// "færdig"/"done"; the line "&lt;id&gt;.more" answers each one.
/// </summary>
public sealed record AskStep(string Id, bool Skippable, bool Many) : Step(Id);

/// <summary>Offers choices (labels: lines "&lt;id&gt;.&lt;option&gt;"); a bad answer gets "&lt;id&gt;.retry".</summary>
public sealed record ChooseStep(string Id, IReadOnlyList<string> Options, bool Skippable) : Step(Id);

/// <summary>Asks yes or no; a bad answer gets "&lt;id&gt;.retry".</summary>
public sealed record ConfirmStep(string Id, bool Skippable) : Step(Id);

/// <summary>Goes to another step of the same dialog.</summary>
public sealed record GoToStep(string Id, string Target) : Step(Id);

/// <summary>Runs code: it may read the answers, change the member's settings, and return a step id to go to (null: the next step).</summary>
public sealed record DoStep(string Id, Func<StepContext, Task<string?>> Action) : Step(Id);

/// <summary>Starts another dialog; when it ends, its answers are this step's answer and the dialog goes on.</summary>
public sealed record StartStep(string Id, DialogId Dialog) : Step(Id);

/// <summary>
/// What a <see cref="DoStep"/> sees and may change: the turn, the answers so far, the member's settings, and the
/// groups (through <see cref="Change"/>). What it changes is kept when the turn's state is saved.
/// </summary>
public sealed class StepContext(Turn turn, ImmutableDictionary<string, Answer> answers, int contentVersion)
{
    public Turn Turn { get; } = turn;

    /// <summary>The running dialog's answers; <see cref="Remember"/> adds to them.</summary>
    public ImmutableDictionary<string, Answer> Answers { get; private set; } = answers;

    /// <summary>The version of the running dialog's content file.</summary>
    public int ContentVersion { get; } = contentVersion;

    /// <summary>The member's language; setting it changes every line from here on, and is remembered.</summary>
    public required string Language { get; set; }

    /// <summary>
    /// The member's settings and records (consent, pause, reflections, reminders, ...), to read and to change with
    /// <c>context.State = context.State with { ... }</c>. Its dialog stack and language are the engine's: use
    /// <see cref="Language"/> for the language.
    /// </summary>
    public required ConversationState State { get; set; }

    /// <summary>Set to delete everything held about the member once this turn's replies are out.</summary>
    public bool DeleteEverything { get; set; }

    /// <summary>The crisis rule a step raised (see <see cref="FlagCrisis"/>), or null.</summary>
    internal string? CrisisRule { get; private set; }

    /// <summary>
    /// Something other than the crisis detector (the language model's second opinion) read the member's words as a
    /// possible crisis: the turn ends with the fixed crisis reply and the caring mode after it, as a detected one does.
    /// </summary>
    public void FlagCrisis(string rule) => CrisisRule ??= rule;

    /// <summary>The group changes this step asks for, made by the host once the turn's state is saved.</summary>
    internal List<Groups.GroupChange> Changes { get; } = [];

    /// <summary>
    /// Asks for a change to a group. It is made after the turn is saved, so a later step of the same turn still reads
    /// the group as it was: use <see cref="Groups.GroupChange.Apply"/> to show the result.
    /// </summary>
    public void Change(Groups.GroupChange change) => Changes.Add(change);

    /// <summary>What the step says, in order: content lines (with values) or whole replies.</summary>
    internal List<(string? LineId, (string Name, string Value)[] Values, Reply? Reply)> Said { get; } = [];

    internal Func<DialogId, string, string, string>? ReadLine { get; init; }

    /// <summary>The wording of a content line in the member's language, to build a longer reply from.</summary>
    public string Line(DialogId dialog, string lineId) => ReadLine!(dialog, lineId, Language);

    /// <summary>Says a line of the running dialog with its {placeholders} filled in.</summary>
    public void Say(string lineId, params (string Name, string Value)[] values) => Said.Add((lineId, values, null));

    /// <summary>Says a reply built by the step itself (e.g. a statement sheet).</summary>
    public void Show(Reply reply) => Said.Add((null, [], reply));

    /// <summary>Keeps a value with the dialog's answers, under a key of its own (not a step id).</summary>
    public void Remember(string key, Answer value) => Answers = Answers.SetItem(key, value);
}

/// <summary>How many wrong join codes a member typed in a row, and when the last one came.</summary>
public sealed record WrongCodes(int Count, DateTimeOffset LastUtc);

/// <summary>The vocabulary dialogs are written in: <c>using static PeerBot.Dialogs.Conversations.Steps;</c>.</summary>
public static class Steps
{
    /// <summary>What a <see cref="DoStep"/> returns to end its dialog there.</summary>
    public const string EndOfDialog = "end-of-dialog";

    public static SayStep Say(string lineId) => new(lineId);

    public static AskStep Ask(string lineId, bool skippable = true) => new(lineId, skippable, Many: false);

    public static AskStep AskMany(string lineId, bool skippable = true) => new(lineId, skippable, Many: true);

    public static ChooseStep Choose(string lineId, params string[] options) => new(lineId, options, Skippable: true);

    public static ConfirmStep Confirm(string lineId, bool skippable = true) => new(lineId, skippable);

    public static GoToStep GoTo(string target) => new("go-to-" + target, target);

    public static DoStep Do(string name, Func<StepContext, Task<string?>> action) => new(name, action);

    public static DoStep Do(string name, Func<StepContext, string?> action) => new(name, context => Task.FromResult(action(context)));

    public static DoStep Do(string name, Action<StepContext> action) => new(name, context =>
    {
        action(context);
        return Task.FromResult<string?>(null);
    });

    public static StartStep Start(string id, DialogId dialog) => new(id, dialog);
}

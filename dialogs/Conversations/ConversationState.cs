using System.Collections.Immutable;

namespace PeerBot.Dialogs.Conversations;

/// <summary>
/// Where one dialog stands: which dialog, the content version it was started with, the step it waits for (by id),
/// the answers so far, and how many unrecognised answers the waiting step has had.
/// </summary>
public sealed record DialogProgress(
    DialogId Dialog,
    int ContentVersion,
    string? WaitingFor,
    ImmutableDictionary<string, Answer> Answers,
    int Attempts);

/// <summary>
/// Everything remembered about a conversation: the member's chosen language, whether they paused the weekly prompts,
/// until when the bot holds them back after a crisis reply, the dialogs under way (the last one is active), the
/// member's consent to keeping reflections, and their consent to a language model phrasing replies (when it is on)
/// with how often it did today, a command the bot asked about ("Mente du …?"), and how many messages in a row it did
/// not understand with nothing under way (so the third is not answered with the same text as the first).
/// </summary>
public sealed record ConversationState(
    string? Language,
    bool IsPaused,
    ImmutableList<DialogProgress> Dialogs,
    DateTimeOffset? PromptsHeldUntilUtc = null,
    Privacy.Consent? Consent = null,
    WrongCodes? WrongCodes = null,
    ImmutableList<Groups.Reflection>? Reflections = null,
    bool RemindersOff = false,
    bool AnswerReminderOn = false,
    ImmutableList<Statements.Statement>? Statements = null,
    ImmutableDictionary<string, Answer>? StatementDraft = null,
    Safety.Caring? Caring = null,
    Privacy.LlmConsent? LlmConsent = null,
    Llm.LlmUse? LlmUse = null,
    DidYouMean? Asked = null,
    Privacy.StatementConsent? StatementConsent = null,
    int UnclearInARow = 0)
{
    /// <summary>The member's saved personal statements, oldest first.</summary>
    public ImmutableList<Statements.Statement> Statements { get; init; } = Statements ?? [];

    /// <summary>The member's saved reflections, oldest first.</summary>
    public ImmutableList<Groups.Reflection> Reflections { get; init; } = Reflections ?? [];

    public static ConversationState New { get; } = new(null, false, []);
}

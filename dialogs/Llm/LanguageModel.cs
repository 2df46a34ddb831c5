using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Llm;

/// <summary>How many times a member's words went to the language model on one day (UTC), kept with their state so every instance counts the same.</summary>
public sealed record LlmUse(DateOnly Day, int Calls);

/// <summary>
/// The language model as the product uses it, in one place: only for a member who said yes to it, never in the caring
/// mode after a crisis, at most <see cref="LlmAvailability.PerMemberPerDay"/> calls per member per day. When the
/// model's second opinion reads the member's words as a possible crisis, nothing the model wrote is shown and the turn
/// ends with the fixed crisis reply (see <see cref="StepContext.FlagCrisis"/>). Null always means: the fixed text.
/// </summary>
public sealed class LanguageModel(ILlmWriter writer, LlmAvailability availability)
{
    /// <summary>The rule id logged when the second opinion flagged the member's words.</summary>
    public const string SecondOpinionRule = "llm-second-opinion";

    public Task<string?> ReflectAsync(StepContext context, string question, IReadOnlyList<MemberText> answer) =>
        AskAsync(context, () => writer.ReflectAsync(question, answer, context.Language, CancellationToken.None));

    public Task<string?> RephraseAsync(StepContext context, string question) =>
        AskAsync(context, () => writer.RephraseAsync(question, context.Language, CancellationToken.None));

    public Task<string?> ShortenAsync(StepContext context, string heading, string words) =>
        AskAsync(context, () => writer.ShortenAsync(heading, words, context.Language, CancellationToken.None));

    /// <summary>Whether this member may be offered what the model does: it is on, and they said yes.</summary>
    public bool IsFor(ConversationState state) => availability.IsOn && state.LlmConsent?.Yes == true && state.Caring is null;

    private async Task<string?> AskAsync(StepContext context, Func<Task<LlmAnswer>> call)
    {
        if (!IsFor(context.State))
            return null;
        var today = DateOnly.FromDateTime(context.Turn.AtUtc.UtcDateTime);
        var calls = context.State.LlmUse is { } use && use.Day == today ? use.Calls : 0;
        if (calls >= availability.PerMemberPerDay)
            return null;
        context.State = context.State with { LlmUse = new LlmUse(today, calls + 1) };
        var answer = await call();
        if (!answer.MemberMayBeInCrisis)
            return answer.Text;
        context.FlagCrisis(SecondOpinionRule);
        return null;
    }
}

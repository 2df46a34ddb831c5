using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Llm;

/// <summary>
/// Whether the optional language model is on, whom it sends words to (the name members are told when they are asked
/// for their consent, "Azure OpenAI (Microsoft, EU)", say), and how many calls one member's words may cause per day.
/// Off unless the organisation turned it on.
/// </summary>
public sealed record LlmAvailability(bool IsOn, string ProviderName, int PerMemberPerDay = 20)
{
    public static LlmAvailability Off { get; } = new(false, "");
}

/// <summary>
/// What a call to the model came to: a sentence that passed <see cref="LlmGuard"/> (null: the fixed text), and whether
/// the model's second opinion read the member's own words as a possible crisis.
/// </summary>
public sealed record LlmAnswer(string? Text, bool MemberMayBeInCrisis = false);

/// <summary>
/// The few places where a language model may phrase something. The host implements it (the model call, its time
/// limit, its breaker, the second opinion); <see cref="LanguageModel"/> decides for whom and how often, and the
/// dialogs what is asked and what may be shown.
/// </summary>
public interface ILlmWriter
{
    /// <summary>One or two sentences reflecting the member's own answer back (no advice, no question).</summary>
    /// <param name="question">the week's question, as the member saw it</param>
    /// <param name="answer">what they wrote</param>
    /// <param name="language">"da" or "en": the reply must be in it</param>
    /// <param name="cancellationToken">cancels the call</param>
    Task<LlmAnswer> ReflectAsync(string question, IReadOnlyList<MemberText> answer, string language, CancellationToken cancellationToken);

    /// <summary>The week's question said again in plainer words, still one open question. Only the question is sent.</summary>
    Task<LlmAnswer> RephraseAsync(string question, string language, CancellationToken cancellationToken);

    /// <summary>A shorter version of one part of a personal statement, made only of the member's own words.</summary>
    /// <param name="heading">the part's heading ("Det er vigtigt for mig at")</param>
    /// <param name="words">the member's words for it</param>
    Task<LlmAnswer> ShortenAsync(string heading, string words, string language, CancellationToken cancellationToken);
}

using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Llm;

/// <summary>
/// Whether the optional language model is on, and whom it sends words to: the name members are told when they are
/// asked for their consent ("Azure OpenAI (Microsoft, EU)", say). Off unless the organisation turned it on.
/// </summary>
public sealed record LlmAvailability(bool IsOn, string ProviderName)
{
    public static LlmAvailability Off { get; } = new(false, "");
}

/// <summary>
/// The few places where a language model may phrase something, only for a member who said yes to it. Every answer
/// is either a sentence that passed <see cref="LlmGuard"/> or null, and null means the fixed text from the content
/// files. The host implements it (the model call, its time limit, its breaker, its daily limit); the product decides
/// what is asked and what may be shown.
/// </summary>
public interface ILlmWriter
{
    /// <summary>One or two sentences reflecting the member's own answer back (no advice, no question), or null.</summary>
    /// <param name="member">whose answer it is, for the daily limit</param>
    /// <param name="question">the week's question, as the member saw it</param>
    /// <param name="answer">what they wrote</param>
    /// <param name="language">"da" or "en": the reply must be in it</param>
    /// <param name="cancellationToken">cancels the call</param>
    Task<string?> ReflectAsync(MemberId member, string question, IReadOnlyList<MemberText> answer, string language, CancellationToken cancellationToken);

    /// <summary>The week's question said again in plainer words, still one open question, or null. Only the question is sent.</summary>
    Task<string?> RephraseAsync(MemberId member, string question, string language, CancellationToken cancellationToken);
}

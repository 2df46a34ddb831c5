using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Llm;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Privacy;

/// <summary>
/// First contact, and "samtykke"/"consent" at any time: what is kept and who can see it, then an explicit yes or no
/// to keeping reflections. When the organisation turned the language model on, a member who said yes is then asked,
/// separately and naming the provider, whether it may phrase replies to their words. Each answer is recorded with the
/// text's version and the time; saying no is as easy as yes. Wording: consent.&lt;language&gt;.json.
/// </summary>
public sealed class ConsentDialog(LlmAvailability? llm = null) : IDialog
{
    private readonly LlmAvailability llm = llm ?? LlmAvailability.Off;

    public static readonly DialogId DialogId = new("consent");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = [];

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["llm-about", "llm-yes", "llm-no", "what-next"];

    private const string FirstTime = "first-time";

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Say("what-is-kept"),
        Confirm("keep-reflections"),
        Do("record", Record),
        Say("thanks-yes"),
        GoTo("next"),
        Do("offer-llm", OfferLlm),
        Confirm("use-llm"),
        Do("record-llm", RecordLlm),
        Say("thanks-no"),
        Do("next", WhatNext),
    ];

    private IReadOnlyList<Step>? steps;

    private void OfferLlm(StepContext context) => context.Say("llm-about", ("provider", llm.ProviderName));

    private static string? RecordLlm(StepContext context)
    {
        var yes = context.Answers["use-llm"].Yes == true;
        context.State = context.State with { LlmConsent = new LlmConsent(yes, context.ContentVersion, context.Turn.AtUtc) };
        context.Say(yes ? "llm-yes" : "llm-no");
        return "next";
    }

    /// <summary>At first contact, with nothing else under way, the member hears what they can do now.</summary>
    private static void WhatNext(StepContext context)
    {
        if (context.Answers.ContainsKey(FirstTime) && context.State.Dialogs.Count == 1)
            context.Say("what-next");
    }

    /// <summary>After a yes, the language model's own question comes next when it is on; its answer ends with the thanks.</summary>
    private string? Record(StepContext context)
    {
        var yes = context.Answers["keep-reflections"].Yes == true;
        if (context.State.Consent is null)
            context.Remember(FirstTime, new Answer { Yes = true });
        context.State = context.State with { Consent = new Consent(yes, context.ContentVersion, context.Turn.AtUtc) };
        return !yes ? "thanks-no" : llm.IsOn ? "offer-llm" : null;
    }
}

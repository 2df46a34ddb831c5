namespace PeerBot.Bot.Llm;

/// <summary>The optional language model. Configuration section "PeerBot:Llm"; off unless <see cref="Provider"/> is set.</summary>
public sealed class LlmOptions
{
    /// <summary>
    /// "" (off, the default), "AzureOpenAI", "OpenAICompatible" (any server speaking OpenAI's chat completions API, by
    /// URL) or "Ollama" (a local model server).
    /// </summary>
    public string Provider { get; set; } = "";

    /// <summary>The server's address: the Azure OpenAI resource, the OpenAI-compatible base URL (ending in /v1), or Ollama's.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The API key; for AzureOpenAI empty means Microsoft Entra ID (managed identity or the signed-in developer).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The model (for AzureOpenAI: the deployment's name).</summary>
    public string Model { get; set; } = "";

    /// <summary>Who gets the member's words, as members are told when asked for consent, e.g. "Azure OpenAI (Microsoft, EU)".</summary>
    public string ProviderName { get; set; } = "";

    /// <summary>The longest a member waits for the model before the fixed text. Default: 3 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Whether every sentence, and the member's words sent with it, get a second opinion from the same model, which may
    /// refuse the sentence or flag the member's words as a possible crisis, never pass what the guard refused. One more
    /// call within the same <see cref="Timeout"/>. Default: on.
    /// </summary>
    public bool SecondOpinion { get; set; } = true;

    /// <summary>How many model calls one member's words may cause per day (counted with their state, on every instance alike). Default: 20.</summary>
    public int PerMemberPerDay { get; set; } = 20;

    public bool IsOn => !string.IsNullOrWhiteSpace(Provider);
}

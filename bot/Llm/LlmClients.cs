using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace PeerBot.Bot.Llm;

/// <summary>
/// The <see cref="IChatClient"/> for the configured provider. The SDKs' own retries are off: the writer has a hard time
/// limit, and a member waiting for a retry is better served by the fixed text.
/// </summary>
public static class LlmClients
{
    public static IChatClient Create(LlmOptions options)
    {
        var endpoint = new Uri(options.Endpoint);
        return options.Provider.ToLowerInvariant() switch
        {
            "azureopenai" => AzureClient(endpoint, options).GetChatClient(options.Model).AsIChatClient(),
            "openaicompatible" => new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey),
                new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(0) }).AsIChatClient(),
            "ollama" => new OllamaApiClient(endpoint, options.Model),
            _ => throw new InvalidOperationException($"PeerBot:Llm:Provider '{options.Provider}' is not one of AzureOpenAI, OpenAICompatible, Ollama."),
        };
    }

    private static AzureOpenAIClient AzureClient(Uri endpoint, LlmOptions options)
    {
        var clientOptions = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
        return string.IsNullOrEmpty(options.ApiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), clientOptions);
    }
}

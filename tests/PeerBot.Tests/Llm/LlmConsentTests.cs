using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Storage;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Llm;

/// <summary>The consent to the language model, through the real host: asked separately, naming the provider, only when it is on.</summary>
public sealed class LlmConsentTests : IAsyncLifetime
{
    private FakeConnector connector = null!;
    private FakeChatServer model = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        model = await FakeChatServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await model.DisposeAsync();
    }

    private Task<TestBot> BotAsync(bool llmOn) => TestBot.StartAsync(llmOn
        ? new Dictionary<string, string?>
        {
            ["PeerBot:Llm:Provider"] = "OpenAICompatible",
            ["PeerBot:Llm:Endpoint"] = model.Endpoint,
            ["PeerBot:Llm:Model"] = "test",
            ["PeerBot:Llm:ProviderName"] = "Testmodellen (lokal server)",
        }
        : null);

    private static IEnumerable<string> Texts(FakeConnector connector) =>
        connector.Sent.Select(s => (string?)s["text"] ?? (string?)s["attachments"]?[0]?["content"]?["body"]?[0]?["text"] ?? "");

    [Fact]
    public async Task Consent_ModelOn_IsAskedSeparatelyNamingTheProvider_AndNoIsRecorded()
    {
        await using var bot = await BotAsync(llmOn: true);

        await bot.GiveConsentAsync(connector.ServiceUrl);
        Assert.Contains(Texts(connector), text => text.Contains("Testmodellen (lokal server)", StringComparison.Ordinal));
        Assert.Equal("Må sprogmodellen læse dine ord i de to tilfælde?", Texts(connector).Last());
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "nej"));

        var state = (await bot.Services.GetRequiredService<ConversationStates>().LoadAsync("msteams/" + TestActivities.PersonalConversationId, default)).State;
        Assert.True(state.Consent!.KeepsReflections);
        Assert.False(state.LlmConsent!.Yes);
        Assert.StartsWith("Helt i orden. Jeg svarer med mine faste sætninger.", Texts(connector).ToList()[^2]);
        Assert.StartsWith("Hvad har du lyst til nu?", Texts(connector).Last());

        // "mine data" says it in plain words too.
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "mine data"));
        Assert.Contains("Samtykke til, at en sprogmodel læser dine svar på ugens spørgsmål (og en del af dit statement, der er for lang til siden, når du vælger det): nej", Texts(connector).Last());
    }

    [Fact]
    public async Task Consent_ModelOff_IsNeverMentioned()
    {
        await using var bot = await BotAsync(llmOn: false);

        await bot.GiveConsentAsync(connector.ServiceUrl);

        Assert.DoesNotContain(Texts(connector), text => text.Contains("sprogmodel", StringComparison.OrdinalIgnoreCase));
        Assert.Null((await bot.Services.GetRequiredService<ConversationStates>().LoadAsync("msteams/" + TestActivities.PersonalConversationId, default)).State.LlmConsent);
    }
}

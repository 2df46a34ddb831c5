using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Hosting;

namespace PeerBot.Tests.Support;

/// <summary>
/// A fresh bot in local mode and a fake connector for each test; replies land in <see cref="Connector"/>. A test class
/// that needs PeerBot's clock to move sets <see cref="Clock"/>; one that needs settings or services overrides them.
/// </summary>
public abstract class BotWithConnector : IAsyncLifetime
{
    protected FakeConnector Connector { get; private set; } = null!;

    protected TestBot Bot { get; private set; } = null!;

    /// <summary>PeerBot's clock, when the test moves it; null: the real clock.</summary>
    protected virtual FakeTimeProvider? Clock => null;

    protected virtual IDictionary<string, string?>? Settings => null;

    protected virtual void AddServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Bot = await TestBot.StartAsync(Settings, services: services =>
        {
            if (Clock is { } clock)
                services.AddKeyedSingleton<TimeProvider>(ProductClock.Key, clock);
            AddServices(services);
        });
    }

    public async Task DisposeAsync()
    {
        // Whatever a test made the bot say is held to the phrasing rules too.
        var guard = new PeerBot.Dialogs.Safety.PhrasingGuard();
        foreach (var sent in Connector.Sent)
        {
            var text = (string?)sent["text"] ?? (string?)sent["attachments"]?[0]?["content"]?["body"]?[0]?["text"];
            if (text is not null && guard.Check(BotWords.Of(text, Bot.MemberTexts)) is { } rule)
                throw new Xunit.Sdk.XunitException($"The bot said something that reads as directive ({rule}): {text}");
        }
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

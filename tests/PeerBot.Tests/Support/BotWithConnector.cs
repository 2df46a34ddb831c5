namespace PeerBot.Tests.Support;

/// <summary>A fresh bot in local mode and a fake connector for each test; replies land in <see cref="Connector"/>.</summary>
public abstract class BotWithConnector : IAsyncLifetime
{
    protected FakeConnector Connector { get; private set; } = null!;

    protected TestBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Bot = await TestBot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

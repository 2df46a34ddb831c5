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
        // Whatever a test made the bot say is held to the phrasing rules too.
        var guard = new PeerBot.Dialogs.Safety.PhrasingGuard();
        foreach (var sent in Connector.Sent)
        {
            var text = (string?)sent["text"] ?? (string?)sent["attachments"]?[0]?["content"]?["body"]?[0]?["text"];
            if (text is not null && guard.Check(text) is { } rule)
                throw new Xunit.Sdk.XunitException($"The bot said something that reads as directive ({rule})");
        }
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

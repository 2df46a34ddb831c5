using System.Net;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Storage;

public sealed class CrashTests
{
    [Fact]
    public async Task Crash_KilledWhileTurnsAreInFlight_RestartsReadableAndTheConversationGoesOn()
    {
        await using var connector = await FakeConnector.StartAsync();
        var dataFolder = TempFolder.Create();
        var before = await BotProcess.StartAsync(dataFolder);
        await before.PostAsync(TestActivities.Message(connector.ServiceUrl, "sprog"));
        Assert.Equal("Hvilket sprog vil du helst skrive med mig på?", (string?)connector.Sent[^1]["attachments"]![0]!["content"]!["body"]![0]!["text"]);

        // Turns that write state ("pause", "fortsæt") keep coming while the process is killed.
        var inFlight = Enumerable.Range(0, 60)
            .Select(i => before.PostAsync(TestActivities.Message(connector.ServiceUrl, i % 2 == 0 ? "pause" : "fortsæt")))
            .ToList();
        while (connector.Calls.Count < 10)
            await Task.Delay(5);
        before.KillHard();
        foreach (var request in inFlight)
        {
            try { (await request).Dispose(); }
            catch (HttpRequestException) { }
        }
        await before.DisposeAsync();

        await using var after = await BotProcess.StartAsync(dataFolder);
        using var response = await after.PostAsync(TestActivities.Message(connector.ServiceUrl, "English"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Thank you. From now on I'll write in English.", (string?)connector.Sent[^1]["text"]);
    }
}

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

    [Fact]
    public async Task Crash_KilledWithRepliesWaitingForTheConnector_TheRestartSendsEveryOne()
    {
        // The connector is down: every turn's reply is saved and waits.
        int port;
        await using (var stopped = await FakeConnector.StartAsync())
            port = new Uri(stopped.ServiceUrl).Port;
        var serviceUrl = $"http://127.0.0.1:{port}/";
        var dataFolder = TempFolder.Create();
        var before = await BotProcess.StartAsync(dataFolder);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var message = TestActivities.Message(serviceUrl, i % 2 == 0 ? "hjælp" : "sprog");
            using var response = await before.PostAsync(message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((string)message["id"]!);
        }
        before.KillHard();
        await before.DisposeAsync();

        await using var connector = await FakeConnector.StartAsync(port);
        await using var after = await BotProcess.StartAsync(dataFolder);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (connector.Sent.Select(sent => (string?)sent["replyToId"]).Distinct().Count() < ids.Count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await Task.Delay(500);

        // Each turn's replies arrived, in the order of the turns, and none twice.
        var sent = connector.Sent.Select(message => message.ToJsonString()).ToList();
        Assert.Equal(ids, connector.Sent.Select(message => (string?)message["replyToId"]).Distinct());
        Assert.Equal(sent.Count, sent.Distinct().Count());
    }
}

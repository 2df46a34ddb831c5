using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Storage;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Storage;

/// <summary>Several bot hosts on one Azure Blob container (Azurite), as in a scale-out deployment.</summary>
public sealed class BlobScaleOutTests(Azurite azurite) : IClassFixture<Azurite>
{
    private Task<TestBot> StartAsync(string container) => TestBot.StartAsync(
        new Dictionary<string, string?>
        {
            ["PeerBot:Storage:Kind"] = "AzureBlob",
            ["PeerBot:Storage:BlobConnectionString"] = azurite.ConnectionString,
            ["PeerBot:Storage:BlobContainer"] = container,
        },
        services: TestBot.AddTestDialogs);

    [Fact]
    public async Task Turns_TwoHostsOnOneBlobContainer_LoseNoUpdateAndShareOneKeyRing()
    {
        const string sentinel = "BLOB-HEMMELIGHED-44e0";
        var container = "race-" + Guid.NewGuid().ToString("N")[..8];
        await using var connector = await FakeConnector.StartAsync();
        await using var first = await StartAsync(container);
        await using var second = await StartAsync(container);
        await first.GiveConsentAsync(connector.ServiceUrl);
        await first.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));

        var responses = await Task.WhenAll(Enumerable.Range(1, 30).Select(i =>
            (i % 2 == 0 ? first : second).PostAsync(TestActivities.Message(connector.ServiceUrl, $"{sentinel} {i}"))));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {first.FirstLoggedError()} {second.FirstLoggedError()}"));
        foreach (var host in new[] { first, second })
        {
            var state = (await host.Services.GetRequiredService<ConversationStates>().LoadAsync("msteams/" + TestActivities.PersonalConversationId, default)).State;
            var notes = state.Dialogs.Single().Answers["note"].Texts.Select(t => t.Reveal()).Order();
            Assert.Equal(Enumerable.Range(1, 30).Select(i => $"{sentinel} {i}").Order(), notes);
        }

        var blobs = new BlobContainerClient(azurite.ConnectionString, container);
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            names.Add(blob.Name);
            var content = (await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain(sentinel, content);
        }
        Assert.Contains(names, n => n.StartsWith("keys/"));
        Assert.Contains(names, n => n.StartsWith("state/"));
    }

    [Fact]
    public async Task DeleteMyData_OnAzureBlob_LeavesNoBlobOfTheConversation()
    {
        var container = "delete-" + Guid.NewGuid().ToString("N")[..8];
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = await StartAsync(container);
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "noget privat"));

        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "slet mine data"));
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "ja"));

        var blobs = new BlobContainerClient(azurite.ConnectionString, container);
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.All, null, default))
            names.Add(blob.Name);
        Assert.DoesNotContain(names, n => n.Contains(TestActivities.PersonalConversationId));
        Assert.Contains(names, n => n.StartsWith("keys/"));
    }
}

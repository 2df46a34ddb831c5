using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Conversations;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Storage;

/// <summary>State that survives races, several hosts on one store, and restarts: real HTTP, real SQLite files.</summary>
public sealed class DurableStateTests
{
    private const string ConversationKey = "msteams/" + TestActivities.PersonalConversationId;

    private static Task<TestBot> StartAsync(string? dataFolder = null) =>
        TestBot.StartAsync(services: TestBot.AddTestDialogs, dataFolder: dataFolder);

    private static async Task<ConversationState> StateAsync(TestBot bot) =>
        (await bot.Services.GetRequiredService<ConversationStates>().LoadAsync(ConversationKey, default)).State;

    private static async Task<IReadOnlyList<string>> NotesAsync(TestBot bot) =>
        (await StateAsync(bot)).Dialogs.Single().Answers.GetValueOrDefault("note")?.Texts.Select(t => t.Reveal()).ToList() ?? [];

    [Fact]
    public async Task Turns_FiftyMessagesAtOnceIntoOneConversation_AreEachRecordedOnce()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = await StartAsync();
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));
        var before = connector.Sent.Count;

        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => bot.PostAsync(TestActivities.Message(connector.ServiceUrl, $"note {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var notes = await NotesAsync(bot);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"note {i}").Order(), notes.Order());
        Assert.Equal(before + 50, connector.Sent.Count);
    }

    [Fact]
    public async Task Turns_TwoHostsOnOneSqliteFile_LoseNoUpdate()
    {
        await using var connector = await FakeConnector.StartAsync();
        var dataFolder = TempFolder.Create();
        await using var first = await StartAsync(dataFolder);
        await using var second = await StartAsync(dataFolder);
        await first.GiveConsentAsync(connector.ServiceUrl);
        await first.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            (i % 2 == 0 ? first : second).PostAsync(TestActivities.Message(connector.ServiceUrl, $"note {i}"))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"note {i}").Order(), (await NotesAsync(first)).Order());
    }

    [Fact]
    public async Task Restart_OverTheSameDataFolder_ContinuesTheConversation()
    {
        await using var connector = await FakeConnector.StartAsync();
        var dataFolder = TempFolder.Create();
        await using (var before = await StartAsync(dataFolder))
        {
            await before.GiveConsentAsync(connector.ServiceUrl);
            await before.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));
            await before.PostAsync(TestActivities.Message(connector.ServiceUrl, "før genstart"));
        }

        await using var after = await StartAsync(dataFolder);
        await after.PostAsync(TestActivities.Message(connector.ServiceUrl, "færdig"));

        Assert.Equal("Noteret.", (string?)connector.Sent[^1]["text"]);
    }

    [Fact]
    public async Task StoredFiles_AfterAConversation_HoldNoMemberTextInTheClear()
    {
        const string sentinel = "MIT-HEMMELIGE-SVAR-9c1d";
        await using var connector = await FakeConnector.StartAsync();
        var dataFolder = TempFolder.Create();
        await using (var bot = await StartAsync(dataFolder))
        {
            await bot.GiveConsentAsync(connector.ServiceUrl);
            await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, "noter"));
            await bot.PostAsync(TestActivities.Message(connector.ServiceUrl, $"jeg skriver {sentinel}"));
            Assert.Contains(sentinel, string.Join(" ", await NotesAsync(bot)));
        }

        var files = Directory.EnumerateFiles(dataFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("peerbot.db"));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllTextAsync(file);
            Assert.False(bytes.Contains(sentinel) || bytes.Contains("jeg skriver"), $"{Path.GetFileName(file)} holds member text in the clear");
        }
    }
}

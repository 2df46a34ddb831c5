using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Scheduling;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Privacy;
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

    [Fact]
    public async Task Redelivery_ToTheOtherInstance_RunsOnce()
    {
        var container = "redeliver-" + Guid.NewGuid().ToString("N")[..8];
        await using var connector = await FakeConnector.StartAsync();
        await using var first = await StartAsync(container);
        await using var second = await StartAsync(container);
        var activity = TestActivities.Message(connector.ServiceUrl, "hjælp");

        (await first.PostAsync(activity)).Dispose();
        (await second.PostAsync(activity)).Dispose();

        Assert.Single(connector.Sent);
    }

    [Fact]
    public async Task Schedules_TwoInstances_OneHoldsThemAtATime()
    {
        var container = "lease-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = await StartAsync(container);
        await using var second = await StartAsync(container);

        var leaders = await Task.WhenAll(new[] { first, second }.Select(bot => bot.Services.GetRequiredService<ILeadership>().IsLeaderAsync(default)));

        Assert.Single(leaders, isLeader => isLeader);
    }

    /// <summary>
    /// Two bot processes on one container; the one holding the schedules is killed while the week's invitations are
    /// going out, and the other, started on the same container, takes over once the dead one's lease runs out: every
    /// member gets the invitation, none twice beyond the few that were on the wire at the kill (sent, but no answer
    /// seen).
    /// </summary>
    [Fact]
    public async Task FanOut_InstanceKilledMidWay_TheOtherSendsTheRestOnceEach()
    {
        const int Groups = 3, MembersPerGroup = 20;
        var container = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        await using var connector = await FakeConnector.StartAsync();
        connector.Delay = TimeSpan.FromMilliseconds(100);
        await using (var seeder = await StartAsync(container))
            await SeedGroupsAsync(seeder.Services, connector.ServiceUrl, Groups, MembersPerGroup);

        var settings = new Dictionary<string, string>
        {
            ["PeerBot:Storage:Kind"] = "AzureBlob",
            ["PeerBot:Storage:BlobConnectionString"] = azurite.ConnectionString,
            ["PeerBot:Storage:BlobContainer"] = container,
            ["PeerBot:Invitations:CheckEvery"] = "00:00:01",
            ["PeerBot:Outbox:HoldFor"] = "00:00:02",
            ["PeerBot:Outbox:SweepEvery"] = "00:00:01",
        };
        await using var first = await BotProcess.StartAsync(TempFolder.Create(), settings);
        while (Invited(connector).Count < 10)
            await Task.Delay(20);
        // Killed at once: starting the other process first took long enough on a busy machine for all 60 to go out.
        first.KillHard();
        var sentAtKill = Invited(connector).Count;
        Assert.InRange(sentAtKill, 10, Groups * MembersPerGroup - 1);
        await using var second = await BotProcess.StartAsync(TempFolder.Create(), settings);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Invited(connector).Distinct().Count() < Groups * MembersPerGroup && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        var invited = Invited(connector);
        Assert.Equal(Groups * MembersPerGroup, invited.Distinct().Count());
        // At most one duplicate per group on the wire at the kill: a duplicate is the price of never losing one.
        Assert.InRange(invited.Count - invited.Distinct().Count(), 0, Groups);
    }

    /// <summary>The conversations an invitation was posted to, once per post.</summary>
    private static List<string> Invited(FakeConnector connector) =>
        [.. connector.Calls.Where(c => c.Method == "POST" && c.Body?["text"]?.ToString().Contains("Torsdagsgruppen", StringComparison.Ordinal) == true)
            .Select(c => c.RawPath)];

    /// <summary>Groups whose first session was two days ago, each with members who said yes to keeping reflections.</summary>
    private static async Task SeedGroupsAsync(IServiceProvider services, string serviceUrl, int groups, int membersPerGroup)
    {
        var directory = services.GetRequiredService<IGroupDirectory>();
        var records = services.GetRequiredService<ConversationRecords>();
        var states = services.GetRequiredService<ConversationStates>();
        var firstSession = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(-2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).Date.AddHours(17);
        for (var g = 0; g < groups; g++)
        {
            var members = new List<GroupMember>();
            for (var m = 0; m < membersPerGroup; m++)
            {
                var conversationId = $"a:member-{g}-{m}";
                var key = "msteams/" + conversationId;
                await records.RememberAsync(new ConversationReference("msteams", serviceUrl, conversationId, "personal", TestActivities.TenantId,
                    $"29:member-{g}-{m}", null, TestActivities.BotId, "da-DK"), isInstall: false, default);
                var consenting = ConversationDocument.New with { State = ConversationState.New with { Consent = new Consent(true, 1, DateTimeOffset.UtcNow) } };
                await states.TrySaveAsync(key, new LoadedState(ConversationDocument.New, null), consenting, default);
                members.Add(new GroupMember(new MemberId($"29:member-{g}-{m}"), key, DateTimeOffset.UtcNow.AddDays(-3)));
            }
            await directory.ApplyAsync(new CreateGroup(new Group(new GroupId($"g{g}"), "Torsdagsgruppen", Course.DefaultId, firstSession, "Europe/Copenhagen", "da",
                JoinCodes.New(), JoinCodes.New(), 2, [], [.. members])), default);
        }
    }
}

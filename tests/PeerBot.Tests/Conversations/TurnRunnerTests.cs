using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Protocol;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Statements;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Content;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Conversations;

public sealed class TurnRunnerTests
{
    private const string Key = "msteams/a:chat";

    private readonly InMemoryStore store = new();
    private readonly EphemeralDataProtectionProvider protection = new();

    private TurnRunner Runner() => Runner(store, protection, TestChat.Engine(TestDialogs.All));

    /// <summary>A turn runner as one process of the bot has it, over <paramref name="store"/>; its connector is never called here.</summary>
    internal static TurnRunner Runner(IStore store, IDataProtectionProvider protection, DialogEngine engine)
    {
        var states = new ConversationStates(store, protection);
        var records = new ConversationRecords(store, TimeProvider.System);
        var downloads = new StatementDownloads(store, states, ContentCatalog.LoadBuiltIn([], TestDialogs.Content),
            Options.Create(new PeerBotOptions()), TimeProvider.System);
        var connectorOptions = Options.Create(new ConnectorOptions());
        var connector = new ConnectorClient(new HttpClient(), new FakeConnectorToken(), new TrustedServiceUrls(connectorOptions), connectorOptions,
            new SendPacer(Options.Create(new SendLimitOptions()), TimeProvider.System), TimeProvider.System, NullLogger<ConnectorClient>.Instance);
        var outboxOptions = Options.Create(new OutboxOptions());
        var groups = new GroupDirectory(store, protection);
        var changes = new GroupChanges(groups, NullLogger<GroupChanges>.Instance);
        var outbox = new Outbox(states, connector, records, changes, outboxOptions, TimeProvider.System, NullLogger<Outbox>.Instance);
        return new(engine, states, new MemberData([states, records, downloads, groups]), new ConversationLocks(), changes, NullLogger<TurnRunner>.Instance, outbox);
    }

    private static Turn Message(string text, string? id = null) =>
        new(new MemberId("29:m"), new ConversationId("a:chat"), Place.Personal, "da", TurnKind.Message, new MemberText(text), null, DateTimeOffset.UnixEpoch, Id: id);

    /// <summary>A peer in this process (and another on the same store) has answered everything "opret gruppe" asks but the last yes.</summary>
    private async Task<(TurnRunner This, TurnRunner Other)> TwoProcessesCreatingAGroupAsync()
    {
        var engine = TestChat.Engine([new CreateGroupDialog(Course.LoadBuiltIn())]);
        var thisProcess = Runner(store, protection, engine);
        var turn = 0;
        foreach (var text in new[] { "opret gruppe", "Torsdagsgruppen", "19.3.2030 kl. 17:00", "Spring over" })
            await thisProcess.RunAsync(Key, Message(text, id: $"activity-{++turn}"), null, default);
        return (thisProcess, Runner(store, protection, engine));
    }

    private Task<IReadOnlyList<Group>> GroupsAsync() => new GroupDirectory(store, protection).AllAsync(default);

    /// <summary>Two processes on one store; this one has the member in the notes dialog.</summary>
    private async Task<(TurnRunner This, TurnRunner Other)> TwoProcessesTakingNotesAsync()
    {
        var thisProcess = Runner();
        foreach (var text in new[] { "samtykke", "ja", "noter" })
            await thisProcess.RunAsync(Key, Message(text), null, default);
        return (thisProcess, Runner());
    }

    private async Task<ConversationState> SavedStateAsync() => (await new ConversationStates(store, protection).LoadAsync(Key, default)).State;

    [Fact]
    public async Task TurnRunner_AnotherProcessSavesFirst_DropsThisRunsRepliesAndRunsAgainOnTheNewState()
    {
        var (thisProcess, otherProcess) = await TwoProcessesTakingNotesAsync();
        await thisProcess.RunAsync(Key, Message("første"), null, default);

        store.BeforeWrite = _ => otherProcess.RunAsync(Key, Message("færdig"), null, default);
        var replies = (await thisProcess.RunAsync(Key, Message("anden"), null, default)).Replies;

        // The other process ended the notes dialog first, so "anden" arrives with no dialog under way: the rerun answers
        // with help, and the first run's "note.more" is never seen.
        Assert.Equal("help", Assert.Single(replies).LineId);
        Assert.Empty((await SavedStateAsync()).Dialogs);
    }

    [Fact]
    public async Task TurnRunner_ConflictOnAnAnswer_KeepsBothAnswers()
    {
        var (thisProcess, otherProcess) = await TwoProcessesTakingNotesAsync();

        store.BeforeWrite = _ => otherProcess.RunAsync(Key, Message("fra den anden"), null, default);
        var replies = (await thisProcess.RunAsync(Key, Message("fra denne"), null, default)).Replies;

        Assert.Equal("more-short", Assert.Single(replies).LineId);
        Assert.Equal(["fra den anden", "fra denne"], (await SavedStateAsync()).Dialogs.Single().Answers["note"].Texts.Select(t => t.Reveal()));
    }

    [Fact]
    public async Task TurnRunner_GroupCreatedInARunThatLostTheSaveRace_IsCreatedOnceWithTheCodesShown()
    {
        var (thisProcess, _) = await TwoProcessesCreatingAGroupAsync();

        // Another process writes the conversation just before this one saves: the first run is dropped, the turn runs again.
        store.BeforeWrite = async key =>
        {
            var current = (await store.ReadAsync(key, default))!;
            await store.TryWriteAsync(key, current.Json, current.ETag, default);
        };
        var replies = (await thisProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default)).Replies;

        var group = Assert.Single(await GroupsAsync());
        var created = Assert.Single(replies, r => r.LineId == "created");
        Assert.Contains(JoinCodes.Display(group.JoinCode), created.Text);
        Assert.Contains(JoinCodes.Display(group.FacilitatorCode), created.Text);
    }

    [Fact]
    public async Task TurnRunner_TurnDeliveredAgainToAnotherProcess_DoesNotRunTwice()
    {
        var (thisProcess, otherProcess) = await TwoProcessesCreatingAGroupAsync();

        var first = await thisProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default);
        var again = await otherProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default);

        Assert.False(first.IsReplay);
        Assert.True(again.IsReplay);
        Assert.Empty(again.Replies);
        Assert.Single(await GroupsAsync());
    }

    [Fact]
    public async Task TurnRunner_ChangesThatCouldNotBeMadeAfterTheSave_TheNextTurnMakesThem()
    {
        var (thisProcess, otherProcess) = await TwoProcessesCreatingAGroupAsync();

        // The state is saved; then the group's write fails.
        store.BeforeWrite = StopAtTheGroupsWrite();
        await thisProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default);
        Assert.Empty(await GroupsAsync());
        Assert.NotEmpty((await new ConversationStates(store, protection).LoadAsync(Key, default)).Document.Changes);

        await otherProcess.RunAsync(Key, Message("hjælp", id: "activity-help"), null, default);

        Assert.Equal("Torsdagsgruppen", Assert.Single(await GroupsAsync()).Name);
        Assert.Empty((await new ConversationStates(store, protection).LoadAsync(Key, default)).Document.Changes);
    }

    [Fact]
    public async Task TurnRunner_ChangesThatCouldNotBeMadeAfterTheSave_TheSameTurnDeliveredAgainMakesThem()
    {
        var (thisProcess, otherProcess) = await TwoProcessesCreatingAGroupAsync();
        store.BeforeWrite = StopAtTheGroupsWrite();
        await thisProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default);

        var again = await otherProcess.RunAsync(Key, Message("ja", id: "activity-yes"), null, default);

        Assert.True(again.IsReplay);
        Assert.Equal("Torsdagsgruppen", Assert.Single(await GroupsAsync()).Name);
    }

    /// <summary>The state's write goes through; the first group write fails (the store was briefly unreachable, say).</summary>
    private Func<string, Task> StopAtTheGroupsWrite()
    {
        Func<string, Task>? hook = null;
        hook = key =>
        {
            if (key.StartsWith("groups/", StringComparison.Ordinal))
                throw new IOException("stopped");
            store.BeforeWrite = hook;
            return Task.CompletedTask;
        };
        return hook;
    }

    [Fact]
    public async Task ConversationStates_StateSavedBeforeTheOutbox_IsReadWithNothingLost()
    {
        var protector = protection.CreateProtector("PeerBot.ConversationState.v1");
        var before = ConversationState.New with { Language = "en", IsPaused = true };
        await store.TryWriteAsync("state/" + Key, protector.Protect(System.Text.Json.JsonSerializer.Serialize(before, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))), null, default);

        var loaded = await new ConversationStates(store, protection).LoadAsync(Key, default);

        Assert.Equal("en", loaded.State.Language);
        Assert.True(loaded.State.IsPaused);
        Assert.Empty(loaded.Document.Outbox);
    }

    [Fact]
    public async Task ConversationLocks_SameConversation_RunOneAtATime()
    {
        var locks = new ConversationLocks();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var _ = await locks.AcquireAsync(i % 2 == 0 ? "a" : "b", default);
            var now = Interlocked.Increment(ref inside);
            most = Math.Max(most, now);
            await Task.Yield();
            await Task.Delay(1);
            Interlocked.Decrement(ref inside);
        }));

        Assert.InRange(most, 1, 2);
    }
}

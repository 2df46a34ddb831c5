using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Conversations;

public sealed class TurnRunnerTests
{
    private const string Key = "msteams/a:chat";

    private static TurnRunner Runner(IStore store, IDataProtectionProvider protection) =>
        new(TestChat.Engine(TestDialogs.All), new ConversationStates(store, protection), new ConversationRecords(store, TimeProvider.System), new ConversationLocks(), NullLogger<TurnRunner>.Instance);

    private static Turn Message(string text) =>
        new(new MemberId("29:m"), new ConversationId("a:chat"), Place.Personal, "da", TurnKind.Message, new MemberText(text), null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task TurnRunner_AnotherProcessSavesFirst_DropsThisRunsRepliesAndRunsAgainOnTheNewState()
    {
        var store = new InMemoryStore();
        var protection = new EphemeralDataProtectionProvider();
        var thisProcess = Runner(store, protection);
        var otherProcess = Runner(store, protection);
        await thisProcess.RunAsync(Key, Message("samtykke"), default);
        await thisProcess.RunAsync(Key, Message("ja"), default);
        await thisProcess.RunAsync(Key, Message("noter"), default);
        await thisProcess.RunAsync(Key, Message("første"), default);

        store.BeforeWrite = _ => otherProcess.RunAsync(Key, Message("færdig"), default);
        var replies = await thisProcess.RunAsync(Key, Message("anden"), default);

        // The other process ended the notes dialog first, so "anden" arrives with no dialog under way: the rerun answers
        // with help, and the first run's "note.more" is never seen.
        Assert.Equal("help", Assert.Single(replies).LineId);
        var state = (await new ConversationStates(store, protection).LoadAsync(Key, default)).State;
        Assert.Empty(state.Dialogs);
    }

    [Fact]
    public async Task TurnRunner_ConflictOnAnAnswer_KeepsBothAnswers()
    {
        var store = new InMemoryStore();
        var protection = new EphemeralDataProtectionProvider();
        var thisProcess = Runner(store, protection);
        var otherProcess = Runner(store, protection);
        await thisProcess.RunAsync(Key, Message("samtykke"), default);
        await thisProcess.RunAsync(Key, Message("ja"), default);
        await thisProcess.RunAsync(Key, Message("noter"), default);

        store.BeforeWrite = _ => otherProcess.RunAsync(Key, Message("fra den anden"), default);
        var replies = await thisProcess.RunAsync(Key, Message("fra denne"), default);

        Assert.Equal("note.more", Assert.Single(replies).LineId);
        var state = (await new ConversationStates(store, protection).LoadAsync(Key, default)).State;
        Assert.Equal(["fra den anden", "fra denne"], state.Dialogs.Single().Answers["note"].Texts.Select(t => t.Reveal()));
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

using Azure.Storage.Blobs;
using PeerBot.Bot.Storage;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Storage;

/// <summary>What every <see cref="IStore"/> promises, run against each kind.</summary>
public abstract class StoreContractTests
{
    protected abstract Task<IStore> StoreAsync();

    [Fact]
    public async Task Store_MissingKey_ReadsAsNull() =>
        Assert.Null(await (await StoreAsync()).ReadAsync("nobody/here", default));

    [Fact]
    public async Task Store_Create_ThenReadsBackWithItsVersion()
    {
        var store = await StoreAsync();

        var etag = await store.TryWriteAsync("state/msteams/a:1;messageid=2", """{"n":1}""", null, default);

        var item = await store.ReadAsync("state/msteams/a:1;messageid=2", default);
        Assert.NotNull(etag);
        Assert.Equal("""{"n":1}""", item!.Json);
        Assert.Equal(etag, item.ETag);
    }

    [Fact]
    public async Task Store_CreateWhenAlreadyThere_Conflicts()
    {
        var store = await StoreAsync();
        await store.TryWriteAsync("k", "1", null, default);

        Assert.Null(await store.TryWriteAsync("k", "2", null, default));
        Assert.Equal("1", (await store.ReadAsync("k", default))!.Json);
    }

    [Fact]
    public async Task Store_UpdateWithTheVersionRead_Succeeds_AndAStaleVersionConflicts()
    {
        var store = await StoreAsync();
        var first = await store.TryWriteAsync("k", "1", null, default);

        var second = await store.TryWriteAsync("k", "2", first, default);
        var stale = await store.TryWriteAsync("k", "3", first, default);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(stale);
        Assert.Equal("2", (await store.ReadAsync("k", default))!.Json);
    }

    [Fact]
    public async Task Store_WorkFlag_ListsTheKeysLastWrittenWithIt()
    {
        var store = await StoreAsync();
        var waiting = await store.TryWriteAsync("state/msteams/a:1", "1", null, hasWork: true, default);
        await store.TryWriteAsync("state/msteams/a:2", "2", null, hasWork: true, default);
        await store.TryWriteAsync("state/msteams/a:3", "3", null, hasWork: false, default);
        await store.TryWriteAsync("groups/g1", "4", null, hasWork: true, default);

        await store.TryWriteAsync("state/msteams/a:1", "5", waiting, hasWork: false, default);
        await store.DeleteAsync("state/msteams/a:2", default);
        await store.TryWriteAsync("state/msteams/a:4", "6", null, hasWork: true, default);

        Assert.Equal(["state/msteams/a:4"], await store.ListWithWorkAsync("state/", default));
    }

    [Fact]
    public async Task Store_ListKeys_ReturnsThoseWithThePrefix()
    {
        var store = await StoreAsync();
        await store.TryWriteAsync("conversations/msteams/a:1", "1", null, default);
        await store.TryWriteAsync("conversations/msteams/19:x@thread.v2", "2", null, default);
        await store.TryWriteAsync("state/msteams/a:1", "3", null, default);

        var keys = await store.ListKeysAsync("conversations/", default);

        Assert.Equal(["conversations/msteams/19:x@thread.v2", "conversations/msteams/a:1"], keys.Order());
    }

    [Fact]
    public async Task Store_Delete_RemovesTheItem()
    {
        var store = await StoreAsync();
        await store.TryWriteAsync("k", "1", null, default);

        await store.DeleteAsync("k", default);
        await store.DeleteAsync("k", default);

        Assert.Null(await store.ReadAsync("k", default));
    }
}

public sealed class SqliteStoreTests : StoreContractTests
{
    protected override Task<IStore> StoreAsync() => Task.FromResult<IStore>(new SqliteStore(TempFolder.Create()));
}

public sealed class InMemoryStoreTests : StoreContractTests
{
    protected override Task<IStore> StoreAsync() => Task.FromResult<IStore>(new InMemoryStore());
}

public sealed class BlobStoreTests(Azurite azurite) : StoreContractTests, IClassFixture<Azurite>
{
    protected override async Task<IStore> StoreAsync()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "test-" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        return new BlobStore(container);
    }
}

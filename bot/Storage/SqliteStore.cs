using Microsoft.Data.Sqlite;

namespace PeerBot.Bot.Storage;

/// <summary>
/// The embedded store: one SQLite file (peerbot.db) in the data folder, in WAL mode so readers never wait for the
/// writer and a crash mid-write leaves the last committed version. The ETag is a counter per key.
/// </summary>
public sealed class SqliteStore : IStore
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public SqliteStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        DatabasePath = Path.Combine(dataFolder, "peerbot.db");
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, json TEXT NOT NULL, etag INTEGER NOT NULL) WITHOUT ROWID;");
        // Items with work still to do (a conversation's messages not yet sent); files from before the flag get it here.
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('items') WHERE name = 'has_work'";
            if ((long)columns.ExecuteScalar()! == 0)
                Execute(connection, "ALTER TABLE items ADD COLUMN has_work INTEGER NOT NULL DEFAULT 0;");
        }
        Execute(connection, "CREATE INDEX IF NOT EXISTS items_with_work ON items (key) WHERE has_work = 1;");
    }

    public string DatabasePath { get; }

    public async Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, etag FROM items WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredItem(reader.GetString(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<string?> TryWriteAsync(string key, string json, string? expectedETag, bool hasWork, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time; queueing here is cheaper than its busy-wait (which sleeps) when turns of
        // many conversations write at once. Other processes on the same file still meet its busy handling.
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            return await WriteAsync(key, json, expectedETag, hasWork, cancellationToken);
        }
        finally
        {
            writeGate.Release();
        }
    }

    private async Task<string?> WriteAsync(string key, string json, string? expectedETag, bool hasWork, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$work", hasWork ? 1 : 0);
        if (expectedETag is null)
        {
            command.CommandText = "INSERT INTO items (key, json, etag, has_work) VALUES ($key, $json, 1, $work) ON CONFLICT (key) DO NOTHING RETURNING etag";
        }
        else
        {
            if (!long.TryParse(expectedETag, out var etag))
                return null;
            command.CommandText = "UPDATE items SET json = $json, etag = etag + 1, has_work = $work WHERE key = $key AND etag = $etag RETURNING etag";
            command.Parameters.AddWithValue("$etag", etag);
        }
        var written = await command.ExecuteScalarAsync(cancellationToken);
        return written is long version ? version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Deletes for real: secure_delete (on for every connection) overwrites the row's bytes, and a checkpoint clears the
    /// write-ahead log of the pages that held it, so the files keep no copy.
    /// </summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM items WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        finally
        {
            writeGate.Release();
        }
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken) =>
        ListAsync("SELECT key FROM items WHERE substr(key, 1, length($prefix)) = $prefix", prefix, cancellationToken);

    public Task<IReadOnlyList<string>> ListWithWorkAsync(string prefix, CancellationToken cancellationToken) =>
        ListAsync("SELECT key FROM items WHERE has_work = 1 AND substr(key, 1, length($prefix)) = $prefix", prefix, cancellationToken);

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string prefix, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$prefix", prefix);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(reader.GetString(0));
        return keys;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // In WAL mode, NORMAL makes a commit durable against a crash of the process (kill -9), not of the machine's
        // power, and saves an fsync per write. secure_delete overwrites what any write frees (an outbox flag's index
        // entry holds a conversation's key), so a deleted member leaves nothing behind in the file.
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

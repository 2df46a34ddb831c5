namespace PeerBot.Bot.Hosting;

/// <summary>
/// The clock that turns, records and retention read: a keyed <see cref="TimeProvider"/>, apart from the one the
/// framework (Kestrel, hosting) uses, so tests can move PeerBot's time by months without moving the server's.
/// </summary>
public static class ProductClock
{
    public const string Key = "PeerBot";
}

namespace PeerBot.Bot.Hosting;

/// <summary>The host's own settings. Configuration section "PeerBot" (environment: PeerBot__Name).</summary>
public sealed class PeerBotOptions
{
    /// <summary>Where the embedded store keeps its files. Default: "data" beside the bot (git ignores it).</summary>
    public string? DataFolder { get; set; }

    /// <summary>The largest request body /api/messages reads; larger ones get 413. Default: 256 KiB.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The address people reach the bot at from a browser (e.g. https://peerbot.example.org), for download links of
    /// printed statements. Empty: no download links are offered. Default: empty.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a download link of a printed statement works. Default: 24 hours.</summary>
    public TimeSpan DownloadLinksLastFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Outside Development the bot refuses to start without MicrosoftAppId, because anyone could then post to it.
    /// Set this to true only for a closed test network. Default: false.
    /// </summary>
    public bool DangerouslyAllowUnauthenticatedRequests { get; set; }
}

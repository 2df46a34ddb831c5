using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Protocol;

/// <summary>Hosts the bot may send its connector token to. Configuration section "PeerBot:Connector".</summary>
public sealed class ConnectorOptions
{
    /// <summary>https hosts trusted from the start: the Teams and Bot Framework connectors (protocol.md §4.4).</summary>
    public List<string> TrustedHosts { get; set; } =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "api.botframework.com",
        "directline.botframework.com",
        "webchat.botframework.com",
    ];

    /// <summary>How often a send is tried again after 412, 429, 502, 503 or 504. Default: 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait before a retry when the connector gives no Retry-After; it doubles, with jitter. Default: 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait the bot accepts from a Retry-After header. Default: 20 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one request may take before the bot stops waiting (the message may still have arrived). Default: 15 seconds.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Decides whether the bot's token may go to a serviceUrl: only over https, only to a configured connector host
/// or to one that arrived in a request whose token vouched for it (its serviceurl claim matched).
/// </summary>
public sealed class TrustedServiceUrls(IOptions<ConnectorOptions> options)
{
    private readonly HashSet<string> validatedHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public void TrustValidated(string serviceUrl)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            lock (gate)
                validatedHosts.Add(uri.Host);
        }
    }

    public bool IsTrusted(Uri target)
    {
        if (target.Scheme != Uri.UriSchemeHttps)
            return false;
        if (options.Value.TrustedHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase))
            return true;
        lock (gate)
            return validatedHosts.Contains(target.Host);
    }
}

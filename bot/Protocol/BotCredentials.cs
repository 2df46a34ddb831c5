namespace PeerBot.Bot.Protocol;

/// <summary>How the bot proves who it is (protocol.md §3.6). Unset app id means local mode: no authentication.</summary>
public enum AppType { MultiTenant, SingleTenant, UserAssignedMsi }

/// <summary>
/// The Azure Bot's identity, under the Bot Framework's usual top-level configuration names: MicrosoftAppType,
/// MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId.
/// </summary>
public sealed class BotCredentials
{
    /// <summary>MultiTenant, SingleTenant or UserAssignedMSI. Default: MultiTenant (new Azure Bots are SingleTenant).</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The app registration's client id. Empty: local mode, requests are not authenticated.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret. Required for MultiTenant and SingleTenant; must be empty for UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant the app lives in. Required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public AppType Type => MicrosoftAppType?.Trim().ToLowerInvariant() switch
    {
        "singletenant" => AppType.SingleTenant,
        "userassignedmsi" => AppType.UserAssignedMsi,
        _ => AppType.MultiTenant,
    };

    /// <summary>Why these credentials cannot work, or null when they can.</summary>
    public string? Problem()
    {
        if (!string.IsNullOrWhiteSpace(MicrosoftAppType) && MicrosoftAppType.Trim().ToLowerInvariant() is not ("multitenant" or "singletenant" or "userassignedmsi"))
            return $"MicrosoftAppType '{MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI";
        if (IsLocalMode)
            return null;
        return Type switch
        {
            AppType.MultiTenant when string.IsNullOrEmpty(MicrosoftAppPassword) =>
                "MicrosoftAppPassword is required for a MultiTenant bot",
            AppType.SingleTenant when string.IsNullOrEmpty(MicrosoftAppPassword) || string.IsNullOrEmpty(MicrosoftAppTenantId) =>
                "MicrosoftAppPassword and MicrosoftAppTenantId are required for a SingleTenant bot",
            AppType.UserAssignedMsi when string.IsNullOrEmpty(MicrosoftAppTenantId) =>
                "MicrosoftAppTenantId is required for a UserAssignedMSI bot",
            AppType.UserAssignedMsi when !string.IsNullOrEmpty(MicrosoftAppPassword) =>
                "MicrosoftAppPassword must be empty for a UserAssignedMSI bot (the managed identity is its credential)",
            _ => null,
        };
    }
}

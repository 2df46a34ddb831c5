namespace PeerBot.Bot.Protocol;

/// <summary>Where inbound tokens come from (protocol.md §3.2, §3.4). Configuration section "PeerBot:Auth". Defaults: the public cloud.</summary>
public sealed class InboundAuthOptions
{
    /// <summary>OpenID metadata of Bot Connector (Azure Bot Service) tokens.</summary>
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers of Bot Connector tokens. Default: https://api.botframework.com.</summary>
    public List<string> ChannelIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>OpenID metadata of Entra-issued tokens (Emulator, and Bot Service's move to Entra).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Issuers of Entra-issued tokens accepted for any app type. The app's own tenant is added for SingleTenant and UserAssignedMSI.</summary>
    public List<string> EntraIssuers { get; set; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>Issuer templates for the app's own tenant; {tenant} is replaced by MicrosoftAppTenantId.</summary>
    public List<string> TenantIssuerTemplates { get; set; } =
    [
        "https://sts.windows.net/{tenant}/",
        "https://login.microsoftonline.com/{tenant}/v2.0",
    ];

    /// <summary>How far token lifetimes may be off. Default: 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

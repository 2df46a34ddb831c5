namespace PeerBot.Bot.Storage;

/// <summary>Where PeerBot keeps state. Configuration section "PeerBot:Storage".</summary>
public sealed class StorageOptions
{
    /// <summary>"Sqlite" (embedded, one file in PeerBot:DataFolder) or "AzureBlob" (scale-out). Default: Sqlite.</summary>
    public string Kind { get; set; } = "Sqlite";

    /// <summary>For AzureBlob: the storage account's connection string ("UseDevelopmentStorage=true" for Azurite).</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>For AzureBlob: the container; created when missing. Default: peerbot.</summary>
    public string BlobContainer { get; set; } = "peerbot";

    public bool IsAzureBlob => string.Equals(Kind, "AzureBlob", StringComparison.OrdinalIgnoreCase);
}

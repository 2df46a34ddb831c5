using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PeerBot.Bot.Storage;

/// <summary>
/// The Data Protection key ring kept in the same blob container as the state (under keys/), so every bot instance
/// can read what another one encrypted. One blob per key; keys are only ever added.
/// </summary>
public sealed class BlobKeyRing(BlobContainerClient container) : IXmlRepository
{
    private const string Prefix = "keys/";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        foreach (var blob in container.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix, CancellationToken.None))
        {
            var content = container.GetBlobClient(blob.Name).DownloadContent().Value.Content;
            elements.Add(XElement.Parse(content.ToString()));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName) =>
        container.GetBlobClient($"{Prefix}{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
}

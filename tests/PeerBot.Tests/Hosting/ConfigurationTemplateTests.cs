using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Scheduling;
using PeerBot.Bot.Storage;
using PeerBot.Dialogs.Safety;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Hosting;

public sealed class ConfigurationTemplateTests
{
    public static TheoryData<string, Type> Sections => new()
    {
        { "", typeof(BotCredentials) },
        { "PeerBot", typeof(PeerBotOptions) },
        { "PeerBot:Storage", typeof(StorageOptions) },
        { "PeerBot:Crisis", typeof(CrisisOptions) },
        { "PeerBot:Retention", typeof(RetentionOptions) },
        { "PeerBot:Invitations", typeof(InvitationOptions) },
        { "PeerBot:Auth", typeof(InboundAuthOptions) },
        { "PeerBot:Connector", typeof(ConnectorOptions) },
        { "PeerBot:Outbox", typeof(PeerBot.Bot.Delivery.OutboxOptions) },
        { "PeerBot:SendLimits", typeof(PeerBot.Bot.Delivery.SendLimitOptions) },
        { "PeerBot:Llm", typeof(PeerBot.Bot.Llm.LlmOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Template_ListsEverySetting(string section, Type options)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.template.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var node = section.Split(':', StringSplitOptions.RemoveEmptyEntries).Aggregate(template, (n, key) => n[key]!);

        var missing = options.GetProperties()
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .Where(name => node[name] is null)
            .ToList();

        Assert.True(missing.Count == 0, $"appsettings.template.json lacks {section}: {string.Join(", ", missing)}");
    }
}

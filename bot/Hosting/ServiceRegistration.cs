using PeerBot.Bot.Conversations;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Llm;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Scheduling;
using PeerBot.Bot.Statements;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Companion;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Language;
using PeerBot.Dialogs.Llm;
using PeerBot.Dialogs.Privacy;
using PeerBot.Dialogs.Safety;
using PeerBot.Dialogs.Statements;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Hosting;

public static class ServiceRegistration
{
    /// <summary>The Bot Framework protocol: credentials, inbound auth, the connector client and Teams translation.</summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotCredentials>().Bind(configuration);
        services.AddOptions<InboundAuthOptions>().BindConfiguration("PeerBot:Auth");
        services.AddOptions<ConnectorOptions>().BindConfiguration("PeerBot:Connector");
        services.AddHttpClient(nameof(InboundAuth));
        services.AddHttpClient<ConnectorClient>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<InboundAuth>();
        services.AddSingleton<IConnectorTokenSource, MsalConnectorTokenSource>();
        services.AddOptions<SendLimitOptions>().BindConfiguration("PeerBot:SendLimits");
        services.AddSingleton<SendPacer>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSweeper>());
        services.AddSingleton<ActivityRouter>();
        services.AddOptions<RetentionOptions>().BindConfiguration("PeerBot:Retention")
            .Validate(o => o.CheckEvery >= TimeSpan.FromMinutes(1) && o.CheckEvery <= TimeSpan.FromDays(49),
                "PeerBot:Retention:CheckEvery must be between 1 minute and 49 days")
            .Validate(o => o.NoticeBefore < o.DeleteAfterInactiveFor, "PeerBot:Retention:NoticeBefore must be shorter than DeleteAfterInactiveFor")
            .ValidateOnStart();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());
        services.AddOptions<InvitationOptions>().BindConfiguration("PeerBot:Invitations")
            .Validate(o => o.CheckEvery >= TimeSpan.FromSeconds(1) && o.CheckEvery <= TimeSpan.FromDays(1), "PeerBot:Invitations:CheckEvery must be between 1 second and 1 day")
            .ValidateOnStart();
        services.AddSingleton<InvitationScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<InvitationScheduler>());
        return services;
    }

    /// <summary>The optional language model: off unless PeerBot:Llm:Provider is set; the guard is there either way.</summary>
    private static void AddLanguageModel(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().BindConfiguration("PeerBot:Llm");
        var llm = configuration.GetSection("PeerBot:Llm").Get<LlmOptions>() ?? new LlmOptions();
        services.AddSingleton(new LlmAvailability(llm.IsOn, llm.ProviderName, llm.PerMemberPerDay));
        services.AddSingleton<LlmGuard>();
        if (!llm.IsOn)
            return;
        services.AddSingleton(_ => LlmClients.Create(llm));
        services.AddSingleton<ILlmWriter, LlmWriter>();
        services.AddSingleton<LanguageModel>();
    }

    /// <summary>PeerBot:DataFolder, or "data" beside the bot.</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        configuration["PeerBot:DataFolder"] is { Length: > 0 } configured ? Path.GetFullPath(configured, contentRoot) : Path.Combine(contentRoot, "data");

    /// <summary>The product (dialogs/ and its content, checked now) and the store it keeps state in.</summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<PeerBotOptions>().BindConfiguration("PeerBot");
        services.AddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(ProductClock.Key, TimeProvider.System);
        services.AddSingleton<IDialog, LanguageDialog>();
        services.AddSingleton<IDialog, ConsentDialog>();
        AddLanguageModel(services, configuration);
        services.AddSingleton<IDialog, DeleteDataDialog>();
        services.AddSingleton<IReadOnlyDictionary<string, Course>>(_ => Course.LoadBuiltIn());
        services.AddSingleton<GroupDirectory>();
        services.AddSingleton<IGroupDirectory>(provider => provider.GetRequiredService<GroupDirectory>());
        services.AddSingleton<IDialog, CreateGroupDialog>();
        services.AddSingleton<IDialog, JoinGroupDialog>();
        services.AddSingleton<IDialog, LeaveGroupDialog>();
        services.AddSingleton<IDialog, MyGroupsDialog>();
        services.AddSingleton<IDialog, WeeklyReflectionDialog>();
        services.AddSingleton<IDialog, MyReflectionsDialog>();
        services.AddSingleton<IDialog, BringReminderDialog>();
        services.AddSingleton<IDialog, WeekPlanDialog>();
        services.AddSingleton<IDialog, GroupSettingsDialog>();
        services.AddSingleton<IDialog, AnswerReminderDialog>();
        services.AddSingleton<IDialog, RemindersDialog>();
        services.AddSingleton<IStatementPage, StatementPage>();
        services.AddSingleton<IDialog, PersonalStatementDialog>();
        services.AddSingleton<IDialog, MyStatementsDialog>();
        services.AddSingleton(provider => ContentCatalog.LoadBuiltIn(
            Companion.Lines.Concat(DialogEngine.EngineLines).Concat(CrisisReply.Lines).Concat(MemberDataExport.Lines).Concat(RetentionNotice.Lines)
                .Concat(provider.GetServices<IDialog>().SelectMany(DialogEngine.LinesUsedBy)),
            provider.GetServices<ExtraContent>().Select(c => (c.FileName, c.Json))));
        services.AddOptions<CrisisOptions>().BindConfiguration("PeerBot:Crisis");
        services.AddSingleton<CrisisDetector>();
        services.AddSingleton(provider => new CrisisReply(provider.GetRequiredService<ContentCatalog>(), provider.GetRequiredService<IOptions<CrisisOptions>>().Value));
        services.AddSingleton<PhrasingGuard>();
        services.AddSingleton<Companion>();
        services.AddSingleton<IMemberGroups, GroupRegions>();
        services.AddSingleton<DialogEngine>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<ConversationStates>();
        services.AddSingleton<ConversationRecords>();
        services.AddSingleton<RetentionNotice>();
        services.AddSingleton<StatementDownloads>();
        services.AddSingleton<GroupChanges>();
        services.AddSingleton<TurnRunner>();
        // Every store that keeps something about a member, for "mine data", "slet mine data" and retention.
        services.AddSingleton<IMemberDataStore>(provider => provider.GetRequiredService<ConversationStates>());
        services.AddSingleton<IMemberDataStore>(provider => provider.GetRequiredService<ConversationRecords>());
        services.AddSingleton<IMemberDataStore>(provider => provider.GetRequiredService<StatementDownloads>());
        services.AddSingleton<IMemberDataStore>(provider => provider.GetRequiredService<GroupDirectory>());
        services.AddSingleton<MemberData>();

        var storage = configuration.GetSection("PeerBot:Storage").Get<StorageOptions>() ?? new StorageOptions();
        // One instance owns an SQLite file, so nobody else can be sending its messages: they need no hold.
        services.AddOptions<OutboxOptions>().BindConfiguration("PeerBot:Outbox")
            .PostConfigure(options => options.HoldFor ??= storage.IsAzureBlob ? TimeSpan.FromMinutes(2) : TimeSpan.Zero);
        var dataProtection = services.AddDataProtection().SetApplicationName("PeerBot");
        if (storage.IsAzureBlob)
        {
            if (string.IsNullOrWhiteSpace(storage.BlobConnectionString))
                throw new InvalidOperationException("PeerBot:Storage:Kind is AzureBlob, but PeerBot:Storage:BlobConnectionString is not set.");
            services.AddSingleton(_ =>
            {
                var container = new BlobContainerClient(storage.BlobConnectionString, storage.BlobContainer);
                container.CreateIfNotExists();
                return container;
            });
            services.AddSingleton<IStore, BlobStore>();
            services.AddSingleton<ILeadership>(provider => new BlobLeadership(
                provider.GetRequiredService<BlobContainerClient>(), TimeProvider.System, provider.GetRequiredService<ILogger<BlobLeadership>>()));
            services.AddOptions<KeyManagementOptions>()
                .Configure<BlobContainerClient>((options, container) => options.XmlRepository = new BlobKeyRing(container));
        }
        else
        {
            var dataFolder = DataFolder(configuration, contentRoot);
            services.AddSingleton<IStore>(_ => new SqliteStore(dataFolder));
            services.AddSingleton<ILeadership, SingleInstance>();
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        }
        return services;
    }
}

/// <summary>A content file from outside PeerBot.Dialogs (tests add their own dialogs this way).</summary>
public sealed record ExtraContent(string FileName, string Json);

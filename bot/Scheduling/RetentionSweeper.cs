using Microsoft.Extensions.Options;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Statements;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Privacy;

namespace PeerBot.Bot.Scheduling;

/// <summary>
/// Deletes the data of members who have been silent longer than the retention period, after one notice in their
/// 1:1 chat beforehand (GDPR storage limitation). Runs every <see cref="RetentionOptions.CheckEvery"/>; writing to
/// the bot again starts the period over.
/// </summary>
public sealed partial class RetentionSweeper(
    ConversationRecords records,
    ConversationStates states,
    ConversationLocks locks,
    StatementDownloads downloads,
    ConnectorClient connector,
    RetentionNotice notice,
    IOptions<RetentionOptions> options,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time,
    ILogger<RetentionSweeper> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    /// <summary>One pass: notices for those near the end of the period, deletion for those past it.</summary>
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        int notified = 0, deleted = 0;
        foreach (var key in await records.ConversationKeysAsync(cancellationToken))
        {
            var record = await records.FindAsync(key, cancellationToken);
            if (record?.LastActiveUtc is not { } lastActive)
                continue;
            var silentFor = now - lastActive;
            if (silentFor >= settings.DeleteAfterInactiveFor)
            {
                using (await locks.AcquireAsync(key, cancellationToken))
                {
                    await states.DeleteAsync(key, cancellationToken);
                    await records.ForgetAsync(key, cancellationToken);
                    await downloads.ForgetAsync(key, cancellationToken);
                }
                deleted++;
            }
            else if (silentFor >= settings.DeleteAfterInactiveFor - settings.NoticeBefore && record.RetentionNoticeSentUtc is null
                     && !record.IsUninstalled && record.Reference.ConversationType == "personal")
            {
                await SendNoticeAsync(key, record, settings.DeleteAfterInactiveFor - silentFor, cancellationToken);
                notified++;
            }
        }
        Log.Swept(logger, notified, deleted);
    }

    private async Task SendNoticeAsync(string key, ConversationRecord record, TimeSpan deletedIn, CancellationToken cancellationToken)
    {
        var state = (await states.LoadAsync(key, cancellationToken)).State;
        var language = state.Language ?? Languages.FromLocale(record.Reference.Locale);
        var activity = ActivityTranslator.ToProactiveActivity(notice.Notice(language, deletedIn), record.Reference);
        var result = await connector.SendToConversationAsync(record.Reference.ServiceUrl, record.Reference.ConversationId, activity, cancellationToken);
        // Marked even when it could not be delivered (blocked, uninstalled): the deletion goes ahead on time either way.
        await records.MarkNoticeSentAsync(key, cancellationToken);
        if (!result.Succeeded)
            Log.NoticeNotDelivered(logger, result.Outcome);
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Retention: {Notified} notices sent, {Deleted} conversations deleted")]
        public static partial void Swept(ILogger logger, int notified, int deleted);

        [LoggerMessage(4002, LogLevel.Warning, "Retention notice not delivered: {Outcome}")]
        public static partial void NoticeNotDelivered(ILogger logger, ConnectorOutcome outcome);
    }
}

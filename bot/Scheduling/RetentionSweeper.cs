using Microsoft.Extensions.Options;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
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
    MemberData memberData,
    Outbox outbox,
    RetentionNotice notice,
    IOptions<RetentionOptions> options,
    ILeadership leadership,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time,
    ILogger<RetentionSweeper> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override ILeadership Leadership => leadership;

    /// <summary>One pass: notices for those near the end of the period, deletion for those past it.</summary>
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        int notified = 0, deleted = 0;
        foreach (var key in await records.ConversationKeysAsync(cancellationToken))
        {
            // A long pass keeps the schedules' lease, and stops if another instance has taken it.
            if (!await leadership.IsLeaderAsync(cancellationToken))
                break;
            // Read under the lock: a member writing right now is not deleted on what the record said a moment ago.
            using var _ = await locks.AcquireAsync(key, cancellationToken);
            var record = await records.FindAsync(key, cancellationToken);
            if (record?.LastActiveUtc is not { } lastActive)
                continue;
            var silentFor = now - lastActive;
            if (silentFor >= settings.DeleteAfterInactiveFor)
            {
                // Through the one owner of a member's data: every store, the groups included.
                await memberData.EraseAsync(new MemberRef(new MemberId(record.Reference.UserId ?? ""), key), cancellationToken);
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
        var reply = notice.Notice(language, deletedIn);
        var message = OutboxItem.For(reply.LineId, ActivityTranslator.ToProactiveActivity(reply, record.Reference),
            record.Reference.ServiceUrl, record.Reference.TenantId, isProactive: true);
        // Once in the outbox it goes out, however many tries it takes; the deletion goes ahead on time either way.
        await outbox.SendAsync(key, message, cancellationToken);
        await records.MarkNoticeSentAsync(key, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Retention: {Notified} notices sent, {Deleted} conversations deleted")]
        public static partial void Swept(ILogger logger, int notified, int deleted);

    }
}

using Microsoft.Extensions.Options;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;

namespace PeerBot.Bot.Scheduling;

/// <summary>How often the bot looks for invitations that are due. Configuration section "PeerBot:Invitations".</summary>
public sealed class InvitationOptions
{
    /// <summary>Default: 1 minute.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before a session a member is reminded of what they marked to bring. Default: 2 hours.</summary>
    public TimeSpan BringReminderBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long after the invitation the one reminder of an unanswered question comes, for those who asked for it. Default: 3 days.</summary>
    public TimeSpan AnswerReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How many groups are sent to at once. Teams' rate limits pace the sends; this keeps enough of them under way
    /// that a connector's answer time does not slow a large organisation's week below those limits. Default: 32.
    /// </summary>
    public int GroupsAtOnce { get; set; } = 32;
}

/// <summary>
/// Sends each participant the week's invitation when it is due (the day after a session, 10:00 in the group's time
/// zone) as a proactive message in their 1:1 chat. Who got it is recorded in the group, so an invitation that fell due
/// while the bot was down goes out once when it is back, and never twice. Members who paused, who are held after a
/// crisis reply, or who removed the bot are skipped; they come back when they write again.
/// </summary>
public sealed partial class InvitationScheduler(
    IGroupDirectory groups,
    IReadOnlyDictionary<string, Course> courses,
    TurnRunner turns,
    ConversationRecords records,
    ConversationStates states,
    IOptions<InvitationOptions> options,
    ILeadership leadership,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time,
    ILogger<InvitationScheduler> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override ILeadership Leadership => leadership;

    /// <summary>
    /// Sends every invitation and reminder that is due now and not yet sent, several groups at once. Stops between
    /// groups when another instance took over the schedules.
    /// </summary>
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.GroupsAtOnce), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(await groups.AllAsync(cancellationToken), parallel, async (group, token) =>
        {
            if (!await leadership.IsLeaderAsync(token))
                return;
            try
            {
                await SendDueAsync(group, now, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One group's trouble does not keep the others' invitations back; it is tried again on the next pass.
                Log.GroupFailed(logger, group.Id.Value, e.GetType().Name);
            }
        });
    }

    private async Task SendDueAsync(Group group, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only the latest session's invitation: after a long stop the bot does not send last week's as well.
        var sessions = courses[group.CourseId].Sessions.Count;
        if (group.InvitationDue(sessions, now) is { } due)
        {
            // Nobody is asked twice: not who was invited, and not who answered or skipped the week's question on their own.
            var asked = group.Week(due);
            foreach (var participant in group.Participants.Where(p => !asked.Invited.Contains(p.Member.Value) && !asked.Answered.Contains(p.Member.Value) && !asked.Skipped.Contains(p.Member.Value)))
                await InviteAsync(group, due, participant, now, cancellationToken);
            if (now >= GroupSchedule.InvitationUtc(group, due) + options.Value.AnswerReminderAfter)
            {
                var week = group.Week(due);
                foreach (var participant in group.Participants.Where(p => week.Invited.Contains(p.Member.Value) && !week.AnswerReminded.Contains(p.Member.Value)))
                {
                    await RunScheduledAsync(group, participant, AnswerReminderDialog.Payload(group.Id, due), now, cancellationToken);
                    await groups.UpdateAsync(group.Id, g => g.WithWeek(due, w => w with { AnswerReminded = w.AnswerReminded.Add(participant.Member.Value) }), cancellationToken);
                }
            }
        }
        var session = GroupSchedule.LatestSession(group, sessions, now);
        if (session < sessions && now >= GroupSchedule.SessionStartUtc(group, session.Value + 1) - options.Value.BringReminderBefore)
        {
            foreach (var participant in group.Participants.Where(p => !group.Week(session.Value).Reminded.Contains(p.Member.Value)))
                await RemindAsync(group, session.Value, participant, now, cancellationToken);
        }
    }

    private async Task InviteAsync(Group group, int session, GroupMember participant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = await RunScheduledAsync(group, participant, WeeklyReflectionDialog.Payload(group.Id, session), now, cancellationToken);
        Log.Invited(logger, group.Id.Value, session, sent);
        // Nothing sent means the member paused, is held after a crisis reply, or said no to keeping reflections: they
        // are looked at again on the next pass, so resuming this week still brings this week's question.
        var member = participant.Member.Value;
        if (sent > 0)
            await groups.UpdateAsync(group.Id, g => g.WithWeek(session, w => w with { Invited = w.Invited.Add(member), Paused = w.Paused.Remove(member) }), cancellationToken);
        else if ((await states.LoadAsync(participant.ConversationKey, cancellationToken)).State.IsPaused && !group.Week(session).Paused.Contains(member))
            await groups.UpdateAsync(group.Id, g => g.WithWeek(session, w => w with { Paused = w.Paused.Add(member) }), cancellationToken);
    }

    private async Task RemindAsync(Group group, int session, GroupMember participant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RunScheduledAsync(group, participant, BringReminderDialog.Payload(group.Id, session), now, cancellationToken);
        // Looked at once: most members have nothing marked, and the reminder is never repeated.
        await groups.UpdateAsync(group.Id, g => g.WithWeek(session, w => w with { Reminded = w.Reminded.Add(participant.Member.Value) }), cancellationToken);
    }

    /// <summary>
    /// Runs a scheduled turn for the member; its messages go to their 1:1 chat through the outbox. Returns how many
    /// there are. The turn's id names the schedule and the week, so after a stop mid-pass the member's turn is not
    /// run twice: it counts as sent, and what it left in the outbox goes out.
    /// </summary>
    private async Task<int> RunScheduledAsync(Group group, GroupMember participant, string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(participant.ConversationKey, cancellationToken);
        if (record is not { IsUninstalled: false })
            return 0;
        var reference = record.Reference;
        var turn = new Turn(participant.Member, new ConversationId(participant.ConversationKey), Place.Personal,
            group.Language, TurnKind.Scheduled, null, payload, now, Id: "scheduled|" + payload);
        var outcome = await turns.RunAsync(participant.ConversationKey, turn, (replies, _) => Task.FromResult<IReadOnlyList<OutboxItem>>(
            [.. replies.Select(reply => OutboxItem.For(reply.LineId, ActivityTranslator.ToProactiveActivity(reply, reference), reference.ServiceUrl, reference.TenantId, isProactive: true))]),
            cancellationToken);
        return outcome.IsReplay ? 1 : outcome.Replies.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(5002, LogLevel.Error, "Invitations for group {GroupId} failed: {Error}")]
        public static partial void GroupFailed(ILogger logger, string groupId, string error);

        [LoggerMessage(5001, LogLevel.Information, "Invitation for group {GroupId}, session {Session}: {ReplyCount} messages")]
        public static partial void Invited(ILogger logger, string groupId, int session, int replyCount);
    }
}

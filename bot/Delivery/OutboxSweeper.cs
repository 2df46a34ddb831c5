using Microsoft.Extensions.Options;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Scheduling;

namespace PeerBot.Bot.Delivery;

/// <summary>
/// Every few seconds (<see cref="OutboxOptions.SweepEvery"/>), and once at start, sends what the outbox still holds:
/// messages waiting for their next try, and those of an instance that stopped before sending them.
/// </summary>
public sealed class OutboxSweeper(
    Outbox outbox,
    ConversationLocks locks,
    IOptions<OutboxOptions> options,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time,
    ILogger<OutboxSweeper> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => options.Value.SweepEvery;

    private bool started;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await outbox.SweepAsync(locks.AcquireAsync, afterStart: !started, cancellationToken);
        }
        finally
        {
            started = true;
        }
    }
}

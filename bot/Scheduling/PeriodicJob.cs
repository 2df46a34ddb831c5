namespace PeerBot.Bot.Scheduling;

/// <summary>
/// A background job that runs once at start and then every <see cref="Every"/> on PeerBot's clock. Passes never
/// overlap, whether the timer or a test starts them; a failed pass is logged (its exception type only) and the next
/// one runs as usual. A job with <see cref="Leadership"/> runs only on the instance that holds the schedules.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>PeerBot's clock, for the job's own idea of now.</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Every { get; }

    /// <summary>Null: every instance runs the job.</summary>
    protected virtual ILeadership? Leadership => null;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>One pass, now.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (Leadership is { } leadership && !await leadership.IsLeaderAsync(cancellationToken))
                return;
            await RunOnceAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, Time);
        do
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PassFailed(logger, GetType().Name, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(4900, LogLevel.Error, "{Job} pass failed: {Error}")]
        public static partial void PassFailed(ILogger logger, string job, string error);
    }
}

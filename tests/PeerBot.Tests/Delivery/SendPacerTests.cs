using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Delivery;

namespace PeerBot.Tests.Delivery;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the sends at once and moves the clock in 10 ms steps until all went; returns when each went.</summary>
    private async Task<List<(DateTimeOffset At, string Conversation)>> SendAllAsync(SendPacer pacer, IEnumerable<(string Tenant, string Conversation)> sends)
    {
        var went = new List<(DateTimeOffset, string)>();
        // The time is read on the thread that let the send go, at once, not after a trip through a busy thread pool.
        var tasks = sends.Select(send => pacer.WaitAsync(send.Tenant, send.Conversation, default).ContinueWith(_ =>
        {
            lock (went)
                went.Add((clock.GetUtcNow(), send.Conversation));
        }, TaskContinuationOptions.ExecuteSynchronously)).ToList();
        // Each step gives the sends that became free time to record themselves before the clock moves on.
        while (!tasks.All(t => t.IsCompleted))
        {
            await Task.Delay(3);
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Task.WhenAll(tasks);
        return went;
    }

    private static int MostInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        return sorted.Select((start, i) => sorted.Skip(i).TakeWhile(t => t - start < window).Count()).DefaultIfEmpty(0).Max();
    }

    [Fact]
    public async Task SendPacer_ManyConversationsInOneTenant_NeverMoreThan50InAnySecond()
    {
        var pacer = new SendPacer(Options.Create(new SendLimitOptions()), clock);

        var went = await SendAllAsync(pacer, Enumerable.Range(0, 150).Select(i => ("tenant", $"a:{i}")));

        Assert.Equal(150, went.Count);
        var start = went.Min(w => w.At);
        Assert.True(MostInAnyWindow(went.Select(w => w.At), TimeSpan.FromSeconds(1)) <= 50,
            string.Join(" ", went.GroupBy(w => (w.At - start).TotalMilliseconds).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}")));
        // No slower than the limit needs: 150 sends at 50 per second take two seconds after the first 50.
        Assert.InRange(went.Max(w => w.At) - went.Min(w => w.At), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.3));
    }

    [Fact]
    public async Task SendPacer_OneConversation_KeepsTeamsPerConversationLimits()
    {
        var pacer = new SendPacer(Options.Create(new SendLimitOptions()), clock);

        var went = await SendAllAsync(pacer, Enumerable.Range(0, 20).Select(_ => ("tenant", "a:busy")));

        var times = went.Select(w => w.At).ToList();
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1)), 1, 7);
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(2)), 1, 8);
    }

    [Fact]
    public async Task SendPacer_AfterA429_EverySendToTheTenantWaitsRetryAfter()
    {
        var pacer = new SendPacer(Options.Create(new SendLimitOptions()), clock);
        var start = clock.GetUtcNow();

        pacer.BackOff("tenant", "a:throttled", TimeSpan.FromSeconds(3));
        var went = await SendAllAsync(pacer, [("tenant", "a:other"), ("other-tenant", "a:elsewhere")]);

        Assert.True(went.Single(w => w.Conversation == "a:other").At >= start + TimeSpan.FromSeconds(3));
        Assert.True(went.Single(w => w.Conversation == "a:elsewhere").At < start + TimeSpan.FromSeconds(1));
    }
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Delivery;

namespace PeerBot.Tests.Delivery;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the sends at once and moves the clock in 1 ms steps until all went; returns when each went.</summary>
    private async Task<List<(DateTimeOffset At, string Conversation)>> SendAllAsync(SendPacer pacer, IEnumerable<(string Tenant, string Conversation)> sends)
    {
        var went = new List<(DateTimeOffset, string)>();
        var tasks = sends.Select(async send =>
        {
            await pacer.WaitAsync(send.Tenant, send.Conversation, default);
            lock (went)
                went.Add((clock.GetUtcNow(), send.Conversation));
        }).ToList();
        while (!tasks.All(t => t.IsCompleted))
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(5));
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
        Assert.InRange(MostInAnyWindow(went.Select(w => w.At), TimeSpan.FromSeconds(1)), 1, 50);
        // No slower than the limit needs: 150 sends at 50 per second take two seconds after the first 50.
        Assert.InRange(went.Max(w => w.At) - went.Min(w => w.At), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.2));
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

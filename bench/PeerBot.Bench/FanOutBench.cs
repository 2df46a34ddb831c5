using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Privacy;

/// <summary>
/// The weekly invitation to a large organisation: members in groups whose invitation is due, one tenant, and a fake
/// Bot Connector that holds Teams' limit of 50 messages per second per tenant by answering 429 beyond it. Measures
/// how long the fan-out takes against what the limit allows, and counts every member's invitations. With --kill-after
/// N the bot is killed (SIGKILL) after N invitations and started again on the same data.
/// </summary>
static class FanOutBench
{
    private const string TenantId = "3c2d1e0f-aaaa-4bbb-8ccc-1234567890ab";
    private const string BotId = "28:6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f";
    private const int LimitPerSecond = 50;

    public static async Task<int> RunAsync(int members, int groups, int? killAfter, string? results)
    {
        await using var connector = await LimitedConnector.StartAsync(LimitPerSecond);
        var dataFolder = Path.Combine(Path.GetTempPath(), "peerbot-bench", Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Seeding {members} members in {groups} groups...");
        await SeedAsync(dataFolder, connector.ServiceUrl, members, groups);

        Console.WriteLine("Starting the bot; its scheduler sends the week's invitations...");
        var bot = BotProcess.Start(dataFolder, []);
        var restarted = false;
        var deadline = Stopwatch.StartNew();
        while (connector.Members < members && deadline.Elapsed < TimeSpan.FromSeconds(members / (double)LimitPerSecond * 2 + 120))
        {
            await Task.Delay(200);
            if (killAfter is { } kill && !restarted && connector.Accepted >= kill)
            {
                bot.Kill(entireProcessTree: true);
                bot.WaitForExit();
                Console.WriteLine($"Killed after {connector.Accepted} invitations; starting again.");
                bot = BotProcess.Start(dataFolder, []);
                restarted = true;
            }
        }
        bot.Kill(entireProcessTree: true);

        // An invitation is two messages (the question, then the card with its choices); the limit counts messages.
        var took = connector.LastAcceptedUtc - connector.FirstAcceptedUtc;
        var allowed = TimeSpan.FromSeconds((connector.Accepted - 1) / (double)LimitPerSecond);
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";
        var line = $"| {DateTime.UtcNow:yyyy-MM-dd} | {members} in {groups} groups | {(killAfter is { } k ? $"killed after {k} messages" : "no")} | " +
                   $"{connector.Accepted} | {took.TotalSeconds:F1} s | {allowed.TotalSeconds:F1} s | {took / allowed:P1} | {connector.Members} | " +
                   $"{members - connector.Members} | {connector.Duplicates} | {connector.Throttled} | {machine} |";
        Console.WriteLine($"invited: {connector.Members} of {members}, invited twice: {connector.Duplicates}, messages: {connector.Accepted}, 429s: {connector.Throttled}");
        Console.WriteLine($"first to last message: {took.TotalSeconds:F1} s; the limit allows {allowed.TotalSeconds:F1} s ({took / allowed:P1})");
        Console.WriteLine(line);
        if (results is not null)
            await File.AppendAllTextAsync(results, line + Environment.NewLine);
        return connector.Members == members ? 0 : 1;
    }

    /// <summary>
    /// Writes the groups, the members' conversation records and their consent into the bot's own store, through the
    /// bot's own classes, so the data is what the bot would have saved itself. Session 1 was two days ago, so session
    /// 1's invitation is due.
    /// </summary>
    private static async Task SeedAsync(string dataFolder, string serviceUrl, int members, int groups)
    {
        using var host = BotProcess.Services(dataFolder);
        var directory = host.Services.GetRequiredService<IGroupDirectory>();
        var records = host.Services.GetRequiredService<ConversationRecords>();
        var states = host.Services.GetRequiredService<ConversationStates>();
        var firstSession = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(-2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).Date.AddHours(17);
        var consenting = ConversationDocument.New with { State = ConversationState.New with { Consent = new Consent(true, 1, DateTimeOffset.UtcNow) } };
        var perGroup = members / groups;
        for (var g = 0; g < groups; g++)
        {
            var participants = new List<GroupMember>();
            for (var m = 0; m < perGroup; m++)
            {
                var conversationId = $"a:member-{g}-{m}";
                var key = "msteams/" + conversationId;
                await records.RememberAsync(new ConversationReference("msteams", serviceUrl, conversationId, "personal", TenantId,
                    $"29:member-{g}-{m}", null, BotId, "da-DK"), isInstall: false, default);
                await states.TrySaveAsync(key, new LoadedState(ConversationDocument.New, null), consenting, default);
                participants.Add(new GroupMember(new MemberId($"29:member-{g}-{m}"), key, DateTimeOffset.UtcNow.AddDays(-3)));
            }
            await directory.ApplyAsync(new CreateGroup(new Group(new GroupId($"g{g}"), $"Gruppe {g}", Course.DefaultId, firstSession,
                "Europe/Copenhagen", "da", JoinCodes.New(), JoinCodes.New(), 2, [], [.. participants])), default);
        }
    }

    /// <summary>
    /// A Bot Connector that accepts at most <c>limit</c> messages in any one second (per app, one tenant here) and
    /// answers the rest 429 with Retry-After: 1, as Teams does. Counts accepted invitations per conversation.
    /// </summary>
    private sealed class LimitedConnector : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly int limit;
        private readonly Queue<DateTimeOffset> lastSecond = new();
        private readonly ConcurrentDictionary<string, int> perConversation = new();
        private int accepted, throttled;

        private LimitedConnector(WebApplication app, int limit)
        {
            this.app = app;
            this.limit = limit;
        }

        public string ServiceUrl => app.Urls.Single() + "/";
        public int Accepted => accepted;
        public int Throttled => throttled;
        public int Members => perConversation.Count;
        public int Duplicates => perConversation.Values.Sum(n => n - 1);
        public DateTimeOffset FirstAcceptedUtc { get; private set; }
        public DateTimeOffset LastAcceptedUtc { get; private set; }

        public static async Task<LimitedConnector> StartAsync(int limit)
        {
            var app = Loopback.Create();
            var connector = new LimitedConnector(app, limit);
            app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpContext context) =>
            {
                var activity = await System.Text.Json.Nodes.JsonNode.ParseAsync(context.Request.Body);
                var isInvitation = activity?["text"]?.ToString().Contains("Gruppe ", StringComparison.Ordinal) == true;
                return connector.Take(conversationId, isInvitation)
                    ? Results.Json(new { id = Guid.NewGuid().ToString("N") }, statusCode: 201)
                    : TooMany(context);
            });
            await app.StartAsync();
            return connector;
        }

        private static IResult TooMany(HttpContext context)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.Json(new { error = new { code = "Throttled", message = "Too many requests" } }, statusCode: 429);
        }

        private bool Take(string conversationId, bool isInvitation)
        {
            var now = DateTimeOffset.UtcNow;
            lock (lastSecond)
            {
                while (lastSecond.Count > 0 && now - lastSecond.Peek() >= TimeSpan.FromSeconds(1))
                    lastSecond.Dequeue();
                if (lastSecond.Count >= limit)
                {
                    throttled++;
                    return false;
                }
                lastSecond.Enqueue(now);
                if (accepted++ == 0)
                    FirstAcceptedUtc = now;
                LastAcceptedUtc = now;
            }
            if (isInvitation)
                perConversation.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            return true;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

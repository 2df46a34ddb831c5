using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Privacy;

/// <summary>A member's rights over their data, through the real host: consent, export, deletion, and nobody else's eyes.</summary>
public sealed class MembersRightsTests : IAsyncLifetime
{
    private const string Secret = "MIN-EGEN-HEMMELIGHED-71b2";
    private const string ConversationKey = "msteams/" + TestActivities.PersonalConversationId;

    private FakeConnector connector = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        bot = await TestBot.StartAsync(services: TestBot.AddTestDialogs);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await connector.DisposeAsync();
    }

    private Task SayAsync(string text, string conversationId = TestActivities.PersonalConversationId, string conversationType = "personal") =>
        bot.PostAsync(TestActivities.Message(connector.ServiceUrl, text, conversationId: conversationId, conversationType: conversationType));

    private string LastText(int fromEnd = 1) =>
        (string?)connector.Sent[^fromEnd]["text"] ?? (string?)connector.Sent[^fromEnd]["attachments"]?[0]?["content"]?["body"]?[0]?["text"] ?? "";

    private Task<PeerBot.Dialogs.Conversations.ConversationState> StateAsync(string key = ConversationKey) =>
        bot.Services.GetRequiredService<ConversationStates>().LoadAsync(key, default).ContinueWith(t => t.Result.State);

    [Fact]
    public async Task Consent_Yes_IsRecordedWithTextVersionAndTime()
    {
        var before = DateTimeOffset.UtcNow;

        await bot.GiveConsentAsync(connector.ServiceUrl);

        var consent = (await StateAsync()).Consent!;
        Assert.True(consent.KeepsReflections);
        Assert.Equal(1, consent.TextVersion);
        Assert.InRange(consent.AtUtc, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Consent_No_TheBotStillWorksAndKeepsNothingWritten()
    {
        await SayAsync("noter");
        Assert.Equal("Må jeg gemme dine refleksioner, så du kan finde dem igen?", LastText());
        await SayAsync("nej");
        Assert.StartsWith("Helt i orden. Jeg gemmer ikke", LastText(2));
        Assert.StartsWith("Hvad har du lyst til nu?", LastText());   // the first answer, so what they can do next

        await SayAsync(Secret);
        await SayAsync("noter");
        await SayAsync(Secret);

        var state = await StateAsync();
        Assert.False(state.Consent!.KeepsReflections);
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(state));
    }

    [Fact]
    public async Task Consent_Withdrawn_DropsWordsKeptInDialogsUnderWay()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await SayAsync("noter");
        await SayAsync(Secret);

        await SayAsync("samtykke");
        await SayAsync("nej");

        var state = await StateAsync();
        Assert.Empty(state.Dialogs);
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(state));
    }

    [Fact]
    public async Task MyData_ExportsEverythingReadableAndAsJson()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await SayAsync("noter");
        await SayAsync(Secret);

        await SayAsync("mine data");

        var export = connector.Sent.Select(m => (string?)m["text"] ?? "").Single(t => t.StartsWith("Det her har jeg gemt om dig:"));
        Assert.Equal("Hvad vil du notere?", LastText());
        Assert.StartsWith("Det her har jeg gemt om dig:", export);
        Assert.Contains($"Det, du har skrevet i en samtale, vi er midt i:\n– {Secret}", export);
        Assert.DoesNotContain("note:", export);
        Assert.Contains("Samtykke til at gemme refleksioner: ja (tekstversion 1,", export);
        var json = JsonNode.Parse(export[(export.IndexOf("```json\n", StringComparison.Ordinal) + 8)..export.LastIndexOf("```", StringComparison.Ordinal)])!;
        Assert.Equal(TestActivities.UserId, (string?)json["member"]);
        Assert.Equal(connector.ServiceUrl, (string?)json["conversationRecord"]!["reference"]!["serviceUrl"]);
        Assert.Equal(Secret, (string?)json["state"]!["dialogs"]![0]!["answers"]!["note"]!["texts"]![0]);
    }

    [Fact]
    public async Task MyData_Json_KeepsTheMembersLettersAsTheyWroteThem()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await SayAsync("noter");
        await SayAsync("blåbærgrød på en søndag");

        await SayAsync("mine data");

        var export = connector.Sent.Select(m => (string?)m["text"] ?? "").Single(t => t.StartsWith("Det her har jeg gemt om dig:"));
        var json = export[export.IndexOf("```json\n", StringComparison.Ordinal)..];
        Assert.Contains("blåbærgrød på en søndag", json);
        Assert.DoesNotContain("\\u00", json);
    }

    [Fact]
    public async Task DeleteMyData_AfterOneYes_LeavesNothingInTheRawStore()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await SayAsync("noter");
        await SayAsync(Secret);

        await SayAsync("slet mine data");
        Assert.StartsWith("Vil du slette alt", LastText());
        await SayAsync("ja");

        Assert.StartsWith("Alt, hvad jeg havde gemt om dig, er nu slettet.", LastText());
        Assert.Equal(PeerBot.Dialogs.Conversations.ConversationState.New, await StateAsync());
        Assert.Null(await bot.Services.GetRequiredService<ConversationRecords>().FindAsync(ConversationKey, default));
        foreach (var file in Directory.EnumerateFiles(bot.DataFolder, "peerbot.db*"))
        {
            var raw = await File.ReadAllBytesAsync(file);
            var text = System.Text.Encoding.UTF8.GetString(raw);
            Assert.False(text.Contains(TestActivities.PersonalConversationId), $"{Path.GetFileName(file)} still holds the conversation");
        }
    }

    [Fact]
    public async Task DeleteMyData_AnsweredNo_KeepsEverything()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);

        await SayAsync("delete my data");
        await SayAsync("no");

        Assert.True((await StateAsync()).Consent!.KeepsReflections);
    }

    [Fact]
    public async Task OtherMembers_CannotReachAMembersWords_ThroughAnyRoute()
    {
        await bot.GiveConsentAsync(connector.ServiceUrl);
        await SayAsync("noter");
        await SayAsync(Secret);
        var others = new[]
        {
            // Another member, in their own 1:1 chat.
            TestActivities.Message(connector.ServiceUrl, "mine data", conversationId: "a:another-members-chat"),
            // The same words in a group chat and a channel the member is in.
            TestActivities.Message(connector.ServiceUrl, "mine data", conversationId: "19:group@thread.v2", conversationType: "groupChat"),
            TestActivities.Message(connector.ServiceUrl, "my data", conversationId: TestActivities.ChannelConversationId, conversationType: "channel"),
            TestActivities.Message(connector.ServiceUrl, "noter", conversationId: "19:group@thread.v2", conversationType: "groupChat"),
            TestActivities.Message(connector.ServiceUrl, "slet mine data", conversationId: "19:group@thread.v2", conversationType: "groupChat"),
        };
        others[0]["from"]!["id"] = "29:another-member";
        var before = connector.Sent.Count;

        foreach (var activity in others)
            await bot.PostAsync(activity);

        var seenByOthers = connector.Sent.Skip(before).Select(m => m.ToJsonString()).ToList();
        Assert.Equal(others.Length, seenByOthers.Count);
        Assert.All(seenByOthers, m => Assert.DoesNotContain(Secret, m));
        Assert.Contains(Secret, System.Text.Json.JsonSerializer.Serialize(await StateAsync()));
    }

    [Fact]
    public async Task Consent_AskedWhenADialogNeedsIt_ThenTheDialogBegins()
    {
        await SayAsync("noter");
        Assert.Equal("Må jeg gemme dine refleksioner, så du kan finde dem igen?", LastText());

        await SayAsync("ja");

        Assert.Equal("Hvad vil du notere?", LastText());
        Assert.Equal("note", (await StateAsync()).Dialogs.Single().WaitingFor);
    }

    [Fact]
    public void EveryStoreThatKeepsSomethingAboutAMember_IsReachedByExportAndErasure()
    {
        // A class that writes to the store either keeps something about a member, and is registered as an
        // IMemberDataStore (so "mine data", "slet mine data" and retention reach it), or is named here with the reason.
        Type[] keepsNoMemberData = [typeof(PeerBot.Bot.Hosting.BotApp).GetNestedType("StoreHealthCheck", System.Reflection.BindingFlags.NonPublic)!];   // reads one probe key
        var registered = bot.Services.GetServices<IMemberDataStore>().Select(s => s.GetType()).ToHashSet();
        var writers = typeof(TurnRunner).Assembly.GetTypes()
            .Where(t => t.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IStore))))
            .Except(keepsNoMemberData)
            .ToList();

        Assert.Equal(4, writers.Count);
        Assert.All(writers, writer => Assert.Contains(writer, registered));
    }
}

using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using System.Text.Json.Nodes;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Statements;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Manifests;

/// <summary>
/// Every kind of Adaptive Card the bot sends, in both languages, through the Adaptive Cards parser (npm adaptivecards)
/// targeting 1.5, with unknown properties caught by a round trip.
/// </summary>
public sealed class AdaptiveCardTests
{
    private static readonly Activity Inbound = new()
    {
        Type = "message", Id = "1", ChannelId = "msteams", Conversation = new() { Id = "a:1" },
        Recipient = new() { Id = "28:6f0c1f2e-9a4b-4c1d-8e7f-0a1b2c3d4e5f" }, From = new() { Id = "29:m" },
    };

    private static async Task<IEnumerable<Reply>> RepliesInAsync(string language)
    {
        var replies = new List<Reply>();
        var chat = new TestChat(TestDialogs.All, language);
        replies.AddRange(await chat.SayAsync("help"));                       // the help card, with three choices
        replies.AddRange(await chat.SayAsync("tjek ind"));
        replies.AddRange(await chat.SayAsync("godt"));                       // a choose card
        replies.AddRange(await chat.ClickAsync("calm"));                     // a yes/no card
        replies.AddRange(await chat.SayAsync("sprog"));                      // the language card
        replies.Add(new PrivateChatInvitation("group-hello", "Hej", "Åbn en privat chat"));
        var sheet = new StatementSheet("Personligt statement", "3. april 2026", "Møde", [new("Sådan vil jeg introducere mig selv", "Kim"), new("Så jeg kan", "")], language);
        replies.Add(new StatementReply("show", "…", sheet, 1, "Hent som PDF (A4)", "…"));
        return replies;
    }

    [Fact]
    public async Task Cards_EveryKindInBothLanguages_AreAcceptedByTheAdaptiveCardsParser()
    {
        var folder = TempFolder.Create();
        var count = 0;
        foreach (var language in new[] { "da", "en" })
        {
            foreach (var reply in await RepliesInAsync(language))
            {
                foreach (var downloadUrl in new[] { null, "https://peerbot.example.org/statements/abc" })
                {
                    var activity = ActivityTranslator.ToActivity(reply, Inbound, downloadUrl);
                    foreach (var attachment in activity.Attachments ?? [])
                        File.WriteAllText(Path.Combine(folder, $"card-{++count}.json"), attachment.Content!.ToJsonString());
                }
            }
        }
        Assert.True(count >= 12, $"only {count} cards were collected");

        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "validate-cards.js");
        using var process = Process.Start(new ProcessStartInfo("node", [script, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains($"valid {count}", output);
    }

    [Fact]
    public void CardValidator_CardWithAnUnknownPropertyOrTooNewAVersion_IsRejected()
    {
        var folder = TempFolder.Create();
        File.WriteAllText(Path.Combine(folder, "bad.json"), new JsonObject
        {
            ["type"] = "AdaptiveCard", ["version"] = "1.6",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Hej", ["wrapp"] = true }),
        }.ToJsonString());

        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "validate-cards.js");
        using var process = Process.Start(new ProcessStartInfo("node", [script, folder]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("unknown property card.body[0].wrapp", output);
        Assert.Contains("version 1.6 is not 1.0 to 1.5", output);
    }
}

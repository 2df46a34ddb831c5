using System.Text.Json.Nodes;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Statements;

namespace PeerBot.Tests.Statements;

public sealed class StatementCardTests
{
    [Fact]
    public void StatementReply_InTeams_IsAnAdaptiveCard15WithEveryHeadingAndTheMembersWords()
    {
        var sheet = new StatementSheet("Personligt statement", "3. april 2026", "Møde på jobcentret",
            [new("Sådan vil jeg introducere mig selv", "Jeg hedder Søren."), new("Det er vigtigt for mig at", ""), new("Jeg vil gerne have hjælp til", "ro"), new("Så jeg kan", "leve")]);
        var inbound = new Activity { Type = "message", Id = "1", ChannelId = "msteams", Conversation = new() { Id = "a:1" }, Recipient = new() { Id = "28:bot" }, From = new() { Id = "29:m" } };

        var activity = ActivityTranslator.ToActivity(new StatementReply("show", "text", sheet, 1, "Hent som PDF (A4)", "…"), inbound);

        var card = activity.Attachments!.Single();
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.ContentType);
        Assert.Equal("1.5", (string?)card.Content!["version"]);
        var texts = card.Content["body"]!.AsArray().Select(b => (string?)b!["text"]).ToList();
        Assert.Equal(["Personligt statement", "Møde på jobcentret · 3. april 2026", "Sådan vil jeg introducere mig selv", "Jeg hedder Søren.",
            "Jeg vil gerne have hjælp til", "ro", "Så jeg kan", "leve"], texts);   // the skipped part is left off
        Assert.Null(activity.Text);
    }
}

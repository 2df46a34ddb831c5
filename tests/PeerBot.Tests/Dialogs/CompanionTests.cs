using PeerBot.Dialogs.Companion;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Tests.Dialogs;

/// <summary>The companion conversation, turn by turn, with no channel types in sight.</summary>
public sealed class CompanionTests
{
    private static readonly Companion Companion = new(ContentCatalog.LoadBuiltIn(Companion.Lines));

    private static IReadOnlyList<Reply> Say(TurnKind kind, string? text = null, string? choice = null, string language = "da", Place place = Place.Personal) =>
        Companion.Respond(new Turn(new MemberId("29:m"), new ConversationId("a:c"), place, language, kind,
            text is null ? null : new MemberText(text), choice, DateTimeOffset.UnixEpoch));

    public static TheoryData<string, TurnKind, string?, string?, Place, string> Conversation => new()
    {
        { "install says welcome", TurnKind.Installed, null, null, Place.Personal, "welcome" },
        { "hjælp gets help", TurnKind.Message, "hjælp", null, Place.Personal, "help" },
        { "help gets help", TurnKind.Message, "help", null, Place.Personal, "help" },
        { "anything else gets help", TurnKind.Message, "blomkål?", null, Place.Personal, "help" },
        { "an empty message gets help", TurnKind.Message, "", null, Place.Personal, "help" },
        { "the about choice", TurnKind.Choice, null, "about", Place.Personal, "about" },
        { "the privacy choice", TurnKind.Choice, null, "privacy", Place.Personal, "privacy" },
        { "an unknown choice gets help", TurnKind.Choice, null, "gone-button", Place.Personal, "help" },
        { "in a group chat, brief", TurnKind.Message, "hej", null, Place.GroupChat, "group-hello" },
        { "in a channel, brief", TurnKind.Message, "hjælp", null, Place.Channel, "group-hello" },
        { "installed in a team, brief", TurnKind.Installed, null, null, Place.Channel, "group-hello" },
    };

    [Theory]
    [MemberData(nameof(Conversation))]
    public void Companion_Turn_AnswersWithTheExpectedLine(string why, TurnKind kind, string? text, string? choice, Place place, string lineId)
    {
        var replies = Say(kind, text, choice, place: place);

        Assert.True(replies.Count == 1 && replies[0].LineId == lineId, $"{why}: got {string.Join(",", replies.Select(r => r.LineId))}");
    }

    [Fact]
    public async Task Companion_Help_OffersChoicesThatAreUnderstood()
    {
        var help = Assert.IsType<ChoiceReply>(Assert.Single(Say(TurnKind.Message, "help", language: "en")));

        Assert.Equal(["What is PeerBot?", "Who can read this?", "Need help now?"], help.Choices.Select(c => c.Label));
        foreach (var choice in help.Choices)
        {
            var chat = new Support.TestChat([]);
            Assert.NotEqual("help", Assert.Single(await chat.ClickAsync(choice.Id)).LineId);
        }
    }

    [Fact]
    public void Companion_InAGroup_InvitesToAPrivateChat()
    {
        var reply = Assert.IsType<PrivateChatInvitation>(Assert.Single(Say(TurnKind.Message, "hej", place: Place.GroupChat)));

        Assert.Equal("Åbn en privat chat", reply.OpenChatLabel);
    }

    [Fact]
    public void MemberText_Printed_ShowsOnlyItsLength()
    {
        var text = new MemberText("mit hemmelige svar");

        Assert.Equal("[member text, 18 chars]", text.ToString());
        Assert.Equal("mit hemmelige svar", text.Reveal());
    }
}

using PeerBot.Bot.Statements;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Privacy;
using PeerBot.Dialogs.Statements;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Llm;

/// <summary>
/// A personal statement with a part too long for the printed page (checked by printing it, as the download does). The
/// member may write it shorter, leave it, or, with the model on and their yes to it, see a shorter version made only
/// of their own words beside the original; it is used only after an explicit yes. The model is the local fake server.
/// </summary>
public sealed class LlmStatementTests : IAsyncLifetime
{
    private const string Short = "at finde en hverdag med mere ro.";
    private static readonly string Long = string.Concat(Enumerable.Repeat("at finde en hverdag med mere ro og tid til min have og til mine venner. ", 70)).Trim();
    private FakeChatServer model = null!;

    public async Task InitializeAsync() => model = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await model.DisposeAsync();

    private TestChat Chat(bool saidYesToTheModel = true, string locale = "da")
    {
        var chat = new TestChat([new PersonalStatementDialog(new StatementPage(), LlmReflectionTests.On(LlmReflectionTests.Writer(model)))], locale);
        chat.State = chat.State with { LlmConsent = new LlmConsent(saidYesToTheModel, 1, DateTimeOffset.UnixEpoch) };
        return chat;
    }

    /// <summary>Writes the statement with a long "help with" part; the replies to the last part.</summary>
    private static async Task<string> WriteWithALongPartAsync(TestChat chat, string locale = "da")
    {
        var done = locale == "da" ? "færdig" : "done";
        await chat.SayAsync(locale == "da" ? "personligt statement" : "personal statement");
        await chat.SayAsync(locale == "da" ? "spring over" : "skip");
        foreach (var words in new[] { "Jeg hedder Kim.", "at blive hørt.", Long, "passe min have." })
        {
            await chat.SayAsync(words);
            await chat.SayAsync(done);
        }
        return string.Join(",", chat.LastReplies.Select(r => r.LineId));
    }

    private static string Lines(IReadOnlyList<Reply> replies) => string.Join(",", replies.Select(r => r.LineId));

    private static string SavedHelpWith(TestChat chat) => string.Join("\n", chat.State.Statements.Single().Parts["help-with"].Select(t => t.Reveal()));

    [Fact]
    public async Task TooLong_ShorterVersionOfTheirOwnWords_ShownBesideTheOriginal_UsedAfterYes()
    {
        var chat = Chat();
        model.Reply = Short;

        Assert.Equal("review,part-too-long,too-long-or-shorter", await WriteWithALongPartAsync(chat));
        Assert.Contains("\"Jeg vil gerne have hjælp til\"", chat.LastReplies[1].Text);

        var shown = await chat.ClickAsync("shorter");
        Assert.Equal("shorter,use-shorter", Lines(shown));
        Assert.Contains(Long, shown[0].Text);
        Assert.Contains(Short, shown[0].Text);
        // Nothing changed before the yes.
        Assert.Equal(Long, chat.State.StatementDraft!["help-with"].Texts.Single().Reveal());

        Assert.Equal("shorter-used,review,review-what", Lines(await chat.ClickAsync("yes")));
        await chat.ClickAsync("save");
        Assert.Equal(Short, SavedHelpWith(chat));
        // Only the part went to the model, not the rest of the statement.
        Assert.DoesNotContain("Kim", Assert.Single(model.Requests));
    }

    [Fact]
    public async Task TooLong_TheMemberHearsItRightAfterWritingThePart()
    {
        var chat = Chat(saidYesToTheModel: false);
        await chat.SayAsync("personligt statement");
        await chat.SayAsync("spring over");
        await chat.SayAsync("Jeg hedder Kim.");
        Assert.Equal("important", await chat.LinesAfterAsync("færdig"));
        await chat.SayAsync(Long);

        Assert.Equal("too-long-now,help-with", await chat.LinesAfterAsync("færdig"));
        Assert.StartsWith("\"Det er vigtigt for mig at\" fylder nu mere", chat.LastReplies[0].Text);
    }

    [Fact]
    public async Task TooLong_MemberSaysNoToTheShorterVersion_TheirWordsStay()
    {
        var chat = Chat();
        model.Reply = Short;
        await WriteWithALongPartAsync(chat);
        await chat.ClickAsync("shorter");

        Assert.Equal("kept-yours,review-what", Lines(await chat.ClickAsync("no")));
        await chat.ClickAsync("save");
        Assert.Equal(Long, SavedHelpWith(chat));
    }

    [Theory]
    [InlineData("at finde ro, og du bør tale med din læge.", "NONE")]    // words the member never wrote
    [InlineData("at finde en hverdag med mere ro.", "ADVICE")]            // their words, but the second opinion flags them
    [InlineData(null, "NONE")]                                               // a broken answer
    public async Task TooLong_NoShorterVersionThatPasses_MemberIsToldAndCanStillWriteItShorter(string? reply, string secondOpinion)
    {
        var chat = Chat();
        model.Reply = reply;
        model.SecondOpinion = secondOpinion;
        await WriteWithALongPartAsync(chat);

        var replies = await chat.ClickAsync("shorter");

        Assert.Equal("no-shorter,too-long", Lines(replies));
        Assert.Equal("help-with", Lines(await chat.ClickAsync("rewrite")));
    }

    [Fact]
    public async Task TooLong_NoYesToTheModel_WriteItShorterOrLeaveIt_AndNothingIsSent()
    {
        var chat = Chat(saidYesToTheModel: false);

        Assert.Equal("review,part-too-long,too-long", await WriteWithALongPartAsync(chat));
        Assert.Equal("help-with", Lines(await chat.ClickAsync("rewrite")));
        await chat.SayAsync(Short);
        Assert.Equal("review,review-what", Lines(await chat.SayAsync("færdig")));
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task TooLong_LeaveIt_TheStatementCanStillBeSaved()
    {
        var chat = Chat();
        await WriteWithALongPartAsync(chat);

        Assert.Equal("review-what", Lines(await chat.ClickAsync("as-is")));
        await chat.ClickAsync("save");
        Assert.Equal(Long, SavedHelpWith(chat));
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task TooLong_InEnglish_TheSameChoices()
    {
        var chat = Chat(locale: "en");
        model.Reply = Short;

        Assert.Equal("review,part-too-long,too-long-or-shorter", await WriteWithALongPartAsync(chat, "en"));
        Assert.StartsWith("\"I would like help with\"", chat.LastReplies[1].Text);
        Assert.Equal("See a shorter version", ((ChoiceReply)chat.LastReplies[2]).Choices[1].Label);
    }
}

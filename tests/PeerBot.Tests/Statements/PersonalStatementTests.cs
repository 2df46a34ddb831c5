using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Statements;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Statements;

/// <summary>The personal statement by conversation: four prompts, the member's exact words, review, change, save.</summary>
public sealed class PersonalStatementTests
{
    private static TestChat Chat(string locale = "da") => new([new PersonalStatementDialog(), new MyStatementsDialog()], locale);

    private static async Task AnswerAllAsync(TestChat chat, string meeting = "spring over")
    {
        await chat.SayAsync(meeting);
        foreach (var (words, _) in new[] { ("Jeg hedder Kim og holder af min have.", 0), ("at blive hørt, før der bliver besluttet noget.", 1), ("at finde en hverdag med mere ro.", 2), ("passe min have og se mine venner.", 3) })
        {
            await chat.SayAsync(words);
            await chat.SayAsync("færdig");
        }
    }

    [Theory]
    [InlineData("da", "Jeg vil gerne have hjælp til at holde op med at skære i mig selv")]
    [InlineData("en", "Honestly some days I think everyone would be better off without me")]
    public async Task Statement_AnswerWithCrisisWords_GetsTheCrisisReply_AndTheWordsAreNotInTheStatement(string locale, string words)
    {
        var chat = Chat(locale);
        await chat.SayAsync(locale == "da" ? "personligt statement" : "personal statement");
        await chat.SayAsync(locale == "da" ? "spring over" : "skip");

        var replies = await chat.SayAsync(words);

        Assert.Equal("crisis", replies[0].LineId);
        Assert.DoesNotContain(chat.State.Dialogs.SelectMany(d => d.Answers.Values).SelectMany(a => a.Texts), t => t.Reveal() == words);
    }

    [Theory]
    [InlineData("Så jeg kan", "Så jeg kan få ro i hverdagen.", "få ro i hverdagen.")]
    [InlineData("Så jeg kan", "så jeg kan … få ro", "få ro")]
    [InlineData("Det er vigtigt for mig at", "at blive hørt.", "blive hørt.")]
    [InlineData("Det er vigtigt for mig at", "Det er vigtigt for mig at at blive hørt.", "at blive hørt.")]
    [InlineData("So that I can", "So that I can rest.", "rest.")]
    [InlineData("Sådan vil jeg introducere mig selv", "Jeg hedder Kim.", "Jeg hedder Kim.")]
    [InlineData("Så jeg kan", "Så jeg kan", "Så jeg kan")]
    public void Statement_WordsThatRepeatTheStem_AreShownAsItsContinuation(string heading, string words, string shown) =>
        Assert.Equal(shown, PersonalStatementDialog.AfterStem(heading, words));

    [Fact]
    public async Task Statement_FourPromptsInTurn_ThenTheWholeStatementInTheMembersWords()
    {
        var chat = Chat();

        Assert.Equal("intro,meeting", await chat.LinesAfterAsync("personligt statement"));
        Assert.Equal("introduce", await chat.LinesAfterAsync("Møde på jobcentret 3. april"));
        Assert.Equal("introduce.more", await chat.LinesAfterAsync("Jeg hedder Kim,"));
        Assert.Equal("more-short", await chat.LinesAfterAsync("og jeg holder af min have."));
        Assert.Equal("important", await chat.LinesAfterAsync("færdig"));
        await chat.SayAsync("at blive hørt.");
        Assert.Equal("help-with", await chat.LinesAfterAsync("færdig"));
        await chat.SayAsync("at finde ro i hverdagen.");
        Assert.Equal("so-that", await chat.LinesAfterAsync("færdig"));
        await chat.SayAsync("passe min have.");
        var review = await chat.SayAsync("færdig");

        Assert.Equal(["review", "review-what"], review.Select(r => r.LineId));
        Assert.Equal(
            "Her er dit statement:\n\nTil: Møde på jobcentret 3. april\n\nSådan vil jeg introducere mig selv\nJeg hedder Kim,\nog jeg holder af min have.\n\n" +
            "Det er vigtigt for mig at\nblive hørt.\n\nJeg vil gerne have hjælp til\nat finde ro i hverdagen.\n\nSå jeg kan\npasse min have.",
            review[0].Text);
    }

    [Fact]
    public async Task Statement_ChangeOnePart_ReplacesOnlyThatPartAndReturnsToTheReview()
    {
        var chat = Chat();
        await chat.SayAsync("personligt statement");
        await AnswerAllAsync(chat);

        Assert.Equal("change-how", await chat.LinesAfterAsync("Ret \"hjælp til\""));
        Assert.Equal("help-with", await chat.LinesAfterAsync("Skriv om"));
        await chat.SayAsync("at sige fra uden at blive ked af det.");
        var review = await chat.SayAsync("færdig");
        Assert.Equal(["review", "review-what"], review.Select(r => r.LineId));
        Assert.Equal("saved,sheet", await chat.LinesAfterAsync("Gem"));

        var saved = chat.State.Statements.Single();
        Assert.Equal("at sige fra uden at blive ked af det.", saved.Parts["help-with"].Single().Reveal());
        Assert.Equal("Jeg hedder Kim og holder af min have.", saved.Parts["introduce"].Single().Reveal());
        Assert.Null(saved.Meeting);
        Assert.Null(chat.State.StatementDraft);
    }

    [Fact]
    public async Task Statement_ChangeAPart_WithoutRetypingIt_AddToItOrChangeOneSentence()
    {
        var chat = Chat();
        await chat.SayAsync("personligt statement");
        await chat.SayAsync("spring over");
        await chat.SayAsync("Jeg hedder Kim. Jeg er 52 år");
        await chat.SayAsync("Jeg holder af min have!");
        await chat.SayAsync("færdig");
        foreach (var words in new[] { "at blive hørt.", "at finde ro.", "passe min have." })
        {
            await chat.SayAsync(words);
            await chat.SayAsync("færdig");
        }

        await chat.ClickAsync("change-introduce");
        Assert.Equal("add-after,introduce", await chat.LinesAfterAsync("Tilføj"));
        await chat.SayAsync("Jeg har to børn.");
        Assert.Equal("review,review-what", await chat.LinesAfterAsync("færdig"));

        await chat.ClickAsync("change-introduce");
        var sentences = await chat.SayAsync("Skift en sætning");
        Assert.Equal(["sentences", "sentence-item", "sentence-item", "sentence-item", "sentence-item", "which-sentence"], sentences.Select(r => r.LineId));
        Assert.Equal("2. Jeg er 52 år", sentences[2].Text);
        Assert.Equal("not-a-sentence,which-sentence", await chat.LinesAfterAsync("7"));
        Assert.Equal("new-sentence", await chat.LinesAfterAsync("2"));
        Assert.Equal("sentence-replaced,review,review-what", await chat.LinesAfterAsync("Jeg er 53 år."));
        await chat.SayAsync("Gem");

        Assert.Equal(["Jeg hedder Kim. Jeg er 53 år.", "Jeg holder af min have!", "Jeg har to børn."],
            chat.State.Statements.Single().Parts["introduce"].Select(t => t.Reveal()));
    }

    [Fact]
    public async Task Saved_TheSheetComesAtOnce_AndDoneWithNothingUnderWayIsAnswered()
    {
        var chat = Chat(locale: "en");
        await chat.SayAsync("personal statement");
        await AnswerAllAsync(chat, meeting: "skip");

        var saved = await chat.SayAsync("Save");

        var sheet = Assert.IsType<StatementReply>(saved[1]);
        Assert.Equal("Here it is on one sheet:", sheet.Text);
        Assert.Equal("Download as PDF (A4)", sheet.DownloadLabel);
        Assert.Equal(1, sheet.Number);
        Assert.Equal("Jeg hedder Kim og holder af min have.", sheet.Sheet.Sections[0].Words);
        Assert.Equal("done-idle", await chat.LinesAfterAsync("Done"));
    }

    [Fact]
    public async Task Statement_MemberWhoSaidNoToKeepingReflections_IsAskedAboutTheStatementAlone()
    {
        var chat = Chat();
        chat.State = ConversationState.New;

        Assert.Equal("what-is-kept,keep-reflections", await chat.LinesAfterAsync("personligt statement"));
        Assert.Equal("thanks-no,statement-consent-about,keep-statement", await chat.LinesAfterAsync("nej"));
        Assert.Equal("statement-kept,intro,meeting", await chat.LinesAfterAsync("ja"));
        await AnswerAllAsync(chat);
        await chat.SayAsync("Gem");

        Assert.Single(chat.State.Statements);
        Assert.False(chat.State.Consent!.KeepsReflections);
        Assert.True(chat.State.StatementConsent!.Yes);
        Assert.Equal("intro,meeting", await chat.LinesAfterAsync("personligt statement"));   // asked once
    }

    [Fact]
    public async Task Statement_NotToBeKept_IsWrittenAndShown_ButNothingIsStored()
    {
        var chat = Chat(locale: "en");
        chat.State = ConversationState.New with { Consent = new PeerBot.Dialogs.Privacy.Consent(false, 1, DateTimeOffset.UnixEpoch) };

        Assert.Equal("statement-consent-about,keep-statement", await chat.LinesAfterAsync("personal statement"));
        Assert.Equal("statement-not-kept,intro,meeting", await chat.LinesAfterAsync("no"));
        await AnswerAllAsync(chat, meeting: "skip");
        Assert.Null(chat.State.StatementDraft);
        Assert.Contains("Jeg hedder Kim", chat.LastReplies[0].Text);   // the review shows it whole

        Assert.Equal(["Done", "Change the introduction", "Change \"important to me\"", "Change \"help with\"", "Change \"so that I can\""],
            Assert.IsType<ChoiceReply>(chat.LastReplies[^1]).Choices.Select(c => c.Label));   // nothing to save, nothing to come back to
        Assert.Equal("not-kept-final", await chat.LinesAfterAsync("Done"));
        Assert.Empty(chat.State.Statements);
        Assert.Empty(chat.State.Dialogs);
        Assert.DoesNotContain("Jeg hedder Kim", System.Text.Json.JsonSerializer.Serialize(chat.State));
    }

    [Fact]
    public async Task Statement_LeftHalfway_DraftIsKeptAndComingBackOffersToContinue()
    {
        var chat = Chat();
        await chat.SayAsync("personligt statement");
        await chat.SayAsync("spring over");
        await chat.SayAsync("Jeg hedder Kim.");
        await chat.SayAsync("færdig");
        await chat.SayAsync("stop");
        Assert.NotNull(chat.State.StatementDraft);

        Assert.Equal("continue-draft", await chat.LinesAfterAsync("personligt statement"));
        Assert.Equal("important", await chat.LinesAfterAsync("ja"));
        await chat.SayAsync("at blive hørt.");
        await chat.SayAsync("færdig");
        await chat.SayAsync("spring over");
        await chat.SayAsync("spring over");
        await chat.SayAsync("Gem");

        var saved = chat.State.Statements.Single();
        Assert.Equal("Jeg hedder Kim.", saved.Parts["introduce"].Single().Reveal());
        Assert.Empty(saved.Parts["so-that"]);
    }

    [Fact]
    public async Task Statement_Later_KeepsTheDraft_AndSavingTwiceMakesTwoVersions()
    {
        var chat = Chat("en");
        await chat.SayAsync("personal statement");
        await AnswerAllAsync(chat, "skip");
        Assert.Equal("draft-kept", await chat.LinesAfterAsync("Later"));
        Assert.NotNull(chat.State.StatementDraft);

        await chat.SayAsync("personal statement");
        Assert.Equal("review,review-what", await chat.LinesAfterAsync("yes"));
        await chat.SayAsync("Save");
        await chat.SayAsync("personal statement");
        await AnswerAllAsync(chat, "skip");
        var saved = await chat.SayAsync("Save");

        Assert.Equal("Your statement is saved as number 2. You can always find it with \"my statements\".", saved[0].Text);
        Assert.Equal([1, 2], chat.State.Statements.Select(s => s.Number));
        // Dates as English writes them.
        await chat.SayAsync("my statements");
        Assert.Equal("1. Saved 1 January 1970", chat.LastReplies[1].Text);
    }

    [Fact]
    public async Task Statement_WithoutConsent_AsksFirst()
    {
        var chat = Chat();
        chat.State = chat.State with { Consent = null };

        Assert.Equal("what-is-kept,keep-reflections", await chat.LinesAfterAsync("personligt statement"));
        Assert.Equal("thanks-yes,intro,meeting", await chat.LinesAfterAsync("ja"));
    }

    private static async Task<TestChat> WithTwoSavedAsync()
    {
        var chat = Chat();
        await chat.SayAsync("personligt statement");
        await AnswerAllAsync(chat, "Møde i kommunen");
        await chat.SayAsync("Gem");
        await chat.SayAsync("personligt statement");
        await AnswerAllAsync(chat);
        await chat.SayAsync("Gem");
        return chat;
    }

    [Fact]
    public async Task MyStatements_ListsVersions_AndShowsOneWhole()
    {
        var chat = await WithTwoSavedAsync();

        Assert.Equal("list,item-for-meeting,item,which", await chat.LinesAfterAsync("mine statements"));
        Assert.Equal("1. Gemt 1. januar 1970 – til Møde i kommunen", chat.LastReplies[1].Text);
        var shown = await chat.SayAsync("1");
        Assert.StartsWith("Til: Møde i kommunen\n\nSådan vil jeg introducere mig selv\nJeg hedder Kim og holder af min have.", shown[0].Text);
    }

    [Fact]
    public async Task MyStatements_CopyIntoANewDraft_ThenDeleteTheOld()
    {
        var chat = await WithTwoSavedAsync();
        await chat.SayAsync("mine statements");
        await chat.SayAsync("1");

        Assert.Equal("copied", await chat.LinesAfterAsync("Nyt udkast herfra"));
        Assert.Equal("Møde i kommunen", chat.State.StatementDraft!["meeting"].Texts.Single().Reveal());

        await chat.SayAsync("mine statements");
        await chat.SayAsync("2");
        Assert.Equal("sure", await chat.LinesAfterAsync("Slet"));
        Assert.Equal("deleted", await chat.LinesAfterAsync("ja"));
        Assert.Equal([1], chat.State.Statements.Select(s => s.Number));
    }

    [Fact]
    public async Task MyStatements_Shown_CarryASheetForPrintingInTheMembersLanguage()
    {
        var chat = await WithTwoSavedAsync();
        await chat.SayAsync("mine statements");

        var sheet = Assert.IsType<PeerBot.Dialogs.Conversations.StatementReply>((await chat.SayAsync("1"))[0]).Sheet;

        Assert.Equal("Personligt statement", sheet.Title);
        Assert.Equal("Møde i kommunen", sheet.Meeting);
        Assert.Equal(["Sådan vil jeg introducere mig selv", "Det er vigtigt for mig at", "Jeg vil gerne have hjælp til", "Så jeg kan"], sheet.Sections.Select(s => s.Heading));
        Assert.Equal("Jeg hedder Kim og holder af min have.", sheet.Sections[0].Words);
    }
}

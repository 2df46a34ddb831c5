using PeerBot.Dialogs.Conversations;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Dialogs;

/// <summary>
/// The engine, written as conversations: "member says => line ids the bot answers with", turn by turn.
/// "click:x" is a button click on choice x.
/// </summary>
public sealed class DialogEngineTests
{
    public static TheoryData<string, string> Conversations => new()
    {
        { "happy path", "tjek ind => hello,went-well | Det gik fint => pace | click:calm => keep | click:yes => kept | hej => help" },
        { "choice by number", "tjek ind => hello,went-well | godt => pace | 2 => keep" },
        { "choice by its Danish label", "tjek ind => hello,went-well | godt => pace | travlt => keep" },
        { "choice by its English label", "tjek ind => hello,went-well | godt => pace | Calm! => keep" },
        { "yes as ja", "tjek ind => hello,went-well | godt => pace | 1 => keep | Ja => kept" },
        { "yes as jo", "tjek ind => hello,went-well | godt => pace | 1 => keep | jo => kept" },
        { "yes as yes", "tjek ind => hello,went-well | godt => pace | 1 => keep | yes => kept" },
        { "yes and no as the numbers of their buttons", "tjek ind => hello,went-well | godt => pace | 1 => keep | 2 => not-kept" },
        { "no branches", "tjek ind => hello,went-well | godt => pace | 1 => keep | nej tak => not-kept" },
        { "no as click", "tjek ind => hello,went-well | godt => pace | 1 => keep | click:no => not-kept" },
        { "unknown choice retries twice, then offers the question again", "tjek ind => hello,went-well | godt => pace | måske => pace.retry | 7 => pace.retry | hmm => gave-up | click:gave-up.ask-again => pace | 1 => keep" },
        { "or to put it away", "tjek ind => hello,went-well | godt => pace | måske => pace.retry | 7 => pace.retry | hmm => gave-up | click:gave-up.put-away => cancelled | hej => help" },
        { "after it, an answer still counts", "tjek ind => hello,went-well | godt => pace | måske => pace.retry | 7 => pace.retry | hmm => gave-up | travlt => keep" },
        { "more, or done: said in full once, then shorter and varied", "noter => note | en => note.more | to => more-short | tre => more-again | fire => more-short | færdig => saved" },
        { "retry count starts over after an answer", "tjek ind => hello,went-well | godt => pace | x => pace.retry | 1 => keep | x => keep.retry | y => kept" },
        { "skip a question", "tjek ind => hello,went-well | spring over => pace | skip => keep | spring over => kept" },
        { "help keeps the place", "tjek ind => hello,went-well | hjælp => help-in-dialog,went-well | godt => pace" },
        { "stop leaves nothing behind", "tjek ind => hello,went-well | stop => cancelled | godt => help" },
        { "cancel with nothing going on", "annuller => nothing-to-cancel" },
        { "pause and resume mid-dialog", "tjek ind => hello,went-well | pause => paused | fortsæt => resumed,went-well | godt => pace" },
        { "a click while free text is awaited asks again", "tjek ind => hello,went-well | click:calm => went-well | godt => pace" },
        { "several messages, then done", "noter => note | første => note.more | anden => more-short | færdig => saved" },
        { "a started dialog resumes its parent", "outer => before,note | en => note.more | done => saved,after" },
        { "a start word where an answer is expected is asked about; no keeps it as the answer", "tjek ind => hello,went-well | noter => did-you-mean-or-answer | nej => pace" },
        { "yes starts it on top, and the question waits underneath", "tjek ind => hello,went-well | noter => did-you-mean-or-answer | click:did-you-mean.yes => note | første => note.more | færdig => saved,went-well | godt => pace" },
        { "a start word at a choice starts it, and the choice comes back", "tjek ind => hello,went-well | godt => pace | noter => note | færdig => saved,pace | 1 => keep" },
        { "an answer at a choice stays with the choice", "tjek ind => hello,went-well | godt => pace | Travlt => keep" },
        { "the same dialog asked for again starts afresh", "tjek ind => hello,went-well | godt => pace | tjek ind => hello,went-well | godt => pace" },
        { "a slip of the keyboard is asked about", "notr => did-you-mean | ja => note" },
        { "without Danish letters", "notér => did-you-mean | click:did-you-mean.yes => note" },
        { "no to a slip gets the help", "notr => did-you-mean | nej => help" },
        { "a slip at a choice, and no, asks the choice again", "tjek ind => hello,went-well | godt => pace | notr => did-you-mean | nej => pace" },
        { "something else instead of yes or no is a new message", "notr => did-you-mean | tjek ind => hello,went-well" },
        { "a global word's slip", "pauze => did-you-mean | ja => paused" },
        { "short and long messages are not slips", "not => help | jeg har skrevet noter hele dagen => unclear-again" },
        { "language dialog by word", "sprog => which | English => changed | hjælp => help" },
        { "language dialog skipped", "language => which | spring over => changed" },
        { "language mid-dialog returns to the question", "tjek ind => hello,went-well | sprog => which | English => changed,went-well | fine => pace" },
        { "my data mid-dialog returns to the question", "tjek ind => hello,went-well | mine data => export,went-well" },
        { "delete mid-dialog ends everything", "tjek ind => hello,went-well | slet mine data => sure | ja => deleted | godt => help" },
        { "consent again mid-dialog", "tjek ind => hello,went-well | samtykke => what-is-kept,keep-reflections | ja => thanks-yes,went-well" },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task DialogEngine_Conversation_AnswersWithTheExpectedLines(string name, string script)
    {
        var chat = new TestChat(TestDialogs.All);
        foreach (var exchange in script.Split(" | "))
        {
            var parts = exchange.Split(" =>");
            var said = parts[0].Trim();
            var replies = said.StartsWith("click:") ? await chat.ClickAsync(said["click:".Length..]) : await chat.SayAsync(said);

            Assert.True(parts[1].Trim() == string.Join(",", replies.Select(r => r.LineId)),
                $"{name}: after \"{said}\" expected [{parts[1].Trim()}] but got [{string.Join(",", replies.Select(r => r.LineId))}]");
        }
    }

    [Fact]
    public async Task DialogEngine_CommandWordAsAnAnswer_IsStoredOnlyAfterTheMemberSaysItIsTheirAnswer()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");

        var asked = Assert.IsType<ChoiceReply>(Assert.Single(await chat.SayAsync("Noter")));
        Assert.Equal("Mente du \"noter\"? Eller er det dit svar?", asked.Text);
        Assert.Equal(["Ja, noter", "Det er mit svar"], asked.Choices.Select(c => c.Label));
        Assert.False(chat.State.Dialogs[0].Answers.ContainsKey("went-well"));

        await chat.ClickAsync("did-you-mean.no");

        Assert.Equal("Noter", Assert.Single(chat.State.Dialogs[0].Answers["went-well"].Texts).Reveal());
        Assert.Null(chat.State.Asked);
    }

    [Fact]
    public async Task DialogEngine_HelpInTheMiddle_SaysWhatCanBeWrittenThere_AndTheQuestionWaits()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");

        var replies = await chat.SayAsync("hjælp");

        Assert.Equal(["help-in-dialog", "went-well"], replies.Select(r => r.LineId));
        foreach (var word in new[] { "\"spring over\"", "\"stop\"", "\"hjælp nu\"" })
            Assert.Contains(word, replies[0].Text);
        Assert.Contains("112", string.Join("\n", (await chat.SayAsync("hjælp nu")).Select(r => r.Text)));
        Assert.Equal("went-well", chat.State.Dialogs[0].WaitingFor);
    }

    [Fact]
    public async Task DialogEngine_Answers_AreKeptTypedAndInTheMembersOwnWords()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");
        await chat.SayAsync("  Jeg gik en tur  ");
        await chat.ClickAsync("busy");

        var answers = Assert.Single(chat.State.Dialogs).Answers;

        Assert.Equal("  Jeg gik en tur  ", Assert.Single(answers["went-well"].Texts).Reveal());
        Assert.Equal("busy", answers["pace"].Choice);
        Assert.Equal("keep", chat.State.Dialogs[0].WaitingFor);
    }

    [Fact]
    public async Task DialogEngine_Choices_ComeAsButtonsInTheMembersLanguage()
    {
        var chat = new TestChat(TestDialogs.All, locale: "en");
        await chat.SayAsync("check in");

        var pace = Assert.IsType<ChoiceReply>(Assert.Single(await chat.SayAsync("fine")));

        Assert.Equal("How was the pace?", pace.Text);
        Assert.Equal(["Calm", "Busy"], pace.Choices.Select(c => c.Label));
        var keep = Assert.IsType<ChoiceReply>(Assert.Single(await chat.ClickAsync("calm")));
        Assert.Equal(["Yes", "No"], keep.Choices.Select(c => c.Label));
    }

    [Fact]
    public async Task DialogEngine_LanguageChosen_IsRememberedOverTheLocale()
    {
        var chat = new TestChat(TestDialogs.All, locale: "da");
        await chat.SayAsync("sprog");

        var changed = Assert.Single(await chat.ClickAsync("en"));

        Assert.Equal("Thank you. From now on I'll write in English.", changed.Text);
        Assert.Equal("en", chat.State.Language);
        Assert.StartsWith("I'm PeerBot", Assert.Single(await chat.SayAsync("hjælp")).Text);
    }

    [Fact]
    public async Task DialogEngine_LanguageFollowsTheLocale_UntilTheMemberChooses()
    {
        var chat = new TestChat(TestDialogs.All, locale: "en");

        await chat.SayAsync("help");

        Assert.Null(chat.State.Language);
    }

    [Fact]
    public async Task DialogEngine_PauseAndResume_AreRemembered()
    {
        var chat = new TestChat(TestDialogs.All);

        await chat.SayAsync("pause");
        Assert.True(chat.State.IsPaused);
        await chat.SayAsync("resume");
        Assert.False(chat.State.IsPaused);
    }

    [Fact]
    public async Task DialogEngine_ContentVersionChangesMidway_ContinuesAtTheNextUnansweredQuestion()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("tjek ind");
        await chat.SayAsync("godt");
        Assert.Equal("pace", chat.State.Dialogs[0].WaitingFor);

        chat.Redeploy([new TestDialogs.CheckInEdited(), new TestDialogs.Notes(), new TestDialogs.Outer()]);
        var replies = await chat.SayAsync("roligt");

        Assert.Equal("keep", Assert.Single(replies).LineId);
        Assert.Equal("godt", chat.State.Dialogs[0].Answers["went-well"].Texts[0].Reveal());
    }

    [Fact]
    public async Task DialogEngine_SavedDialogNoLongerExists_SaysSoAndLetsGo()
    {
        var chat = new TestChat(TestDialogs.All);
        await chat.SayAsync("noter");

        chat.Redeploy([new TestDialogs.CheckIn()]);

        Assert.Equal("changed-dialog", await chat.LinesAfterAsync("en note"));
        Assert.Empty(chat.State.Dialogs);
    }

    [Fact]
    public void DialogEngine_GoToAnUnknownStep_FailsAtStartUp()
    {
        var broken = new BrokenDialog();

        var error = Assert.Throws<InvalidOperationException>(() => TestChat.Engine([broken]));

        Assert.Contains("goes to unknown step 'nowhere'", error.Message);
    }

    [Theory]
    [InlineData("ja", true)]
    [InlineData("Jo!", true)]
    [InlineData("yes please", true)]
    [InlineData("OK", true)]
    [InlineData("nej", false)]
    [InlineData("No.", false)]
    [InlineData("ikke nu", false)]
    [InlineData("ja men nej", null)]
    [InlineData("Ja 👍", true)]
    [InlineData("Yes!!", true)]
    [InlineData("nej tak 🙂", false)]
    [InlineData("måske", null)]
    public void Words_YesOrNo_AsPeopleTypeThem(string text, bool? expected) => Assert.Equal(expected, Words.YesOrNo(text));

    [Theory]
    [InlineData("I’m done")]
    [InlineData("I'm done.")]
    [InlineData("Done ✅")]
    [InlineData("FÆRDIG")]
    [InlineData("færdig…")]
    [InlineData("\"færdig\"")]
    public void Words_Done_CurlyApostrophesEmojiCaseAndPunctuation(string text) => Assert.True(Words.IsDone(text));

    [Theory]
    [InlineData("hjælp", GlobalWord.Help)]
    [InlineData("Hjælp?", GlobalWord.Help)]
    [InlineData("STOP", GlobalWord.Cancel)]
    [InlineData("fortsæt", GlobalWord.Resume)]
    [InlineData("skift sprog", GlobalWord.Language)]
    [InlineData("jeg har brug for hjælp til at stoppe", GlobalWord.None)]
    [InlineData("Hjælp 🙏", GlobalWord.Help)]
    [InlineData("\"mine data\"", GlobalWord.MyData)]
    [InlineData("„slet mine data“", GlobalWord.DeleteMyData)]
    [InlineData("  Pause...  ", GlobalWord.Pause)]
    [InlineData("👍", GlobalWord.None)]
    public void Words_Global_OnlyAsTheWholeMessage(string text, GlobalWord expected) => Assert.Equal(expected, Words.Global(text));

    private sealed class BrokenDialog : IDialog
    {
        public DialogId Id { get; } = new("check-in");
        public IReadOnlyCollection<string> StartWords { get; } = [];
        public IReadOnlyList<Step> Steps { get; } = [PeerBot.Dialogs.Conversations.Steps.Say("hello"), PeerBot.Dialogs.Conversations.Steps.GoTo("nowhere")];
    }
}

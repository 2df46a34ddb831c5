using PeerBot.Dialogs.Companion;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Language;
using PeerBot.Dialogs.Privacy;
using PeerBot.Dialogs.Safety;

namespace PeerBot.Tests.Support;

/// <summary>
/// A conversation with the dialog engine, state kept in memory: what a member types, what the bot says. Group changes
/// a turn asks for are made in <c>groups</c> after the turn, as the host does once the state is saved.
/// </summary>
public sealed class TestChat(
    IReadOnlyList<IDialog> dialogs, string locale = "da", string member = "29:member", string conversation = "msteams/a:chat",
    IMemberGroups? regions = null, IGroupDirectory? groups = null)
{
    private static readonly PhrasingGuard Guard = new();
    private readonly List<string> memberTexts = [];
    private DialogEngine engine = Engine(dialogs, regions);

    /// <summary>The saved state; a test chat starts with the member's yes to keeping reflections, unless a test says otherwise.</summary>
    public ConversationState State { get; set; } = ConversationState.New with { Consent = new Consent(true, 1, DateTimeOffset.UnixEpoch) };

    public IReadOnlyList<Reply> LastReplies { get; private set; } = [];

    /// <summary>The crisis rule the last turn matched, or null.</summary>
    public string? LastSafetyRule { get; private set; }

    /// <summary>The time of the next turn. Default: 1 January 1970.</summary>
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

    public static DialogEngine Engine(IReadOnlyList<IDialog> dialogs, IMemberGroups? regions = null)
    {
        IReadOnlyList<IDialog> all = [.. dialogs, new LanguageDialog(), new ConsentDialog(), new DeleteDataDialog()];
        var used = Companion.Lines.Concat(DialogEngine.EngineLines).Concat(CrisisReply.Lines).Concat(MemberDataExport.Lines)
            .Concat(all.SelectMany(DialogEngine.LinesUsedBy));
        var content = ContentCatalog.LoadBuiltIn(used, TestDialogs.Content);
        return new DialogEngine(all, content, new Companion(content), new CrisisDetector(), new CrisisReply(content, new CrisisOptions()), regions);
    }

    /// <summary>Swaps the dialogs for edited ones, as a new release of the bot would, keeping the saved state.</summary>
    public void Redeploy(IReadOnlyList<IDialog> edited) => engine = Engine(edited, regions);

    public Task<IReadOnlyList<Reply>> SayAsync(string text)
    {
        memberTexts.Add(text);
        return RunAsync(TurnKind.Message, new MemberText(text), null);
    }

    public Task<IReadOnlyList<Reply>> ClickAsync(string choice) => RunAsync(TurnKind.Choice, null, choice);

    /// <summary>The member installs the bot: first contact.</summary>
    public Task<IReadOnlyList<Reply>> InstalledAsync() => RunAsync(TurnKind.Installed, null, null);

    /// <summary>The bot's schedule starts a dialog, e.g. the week's invitation.</summary>
    public Task<IReadOnlyList<Reply>> ScheduledAsync(string payload) => RunAsync(TurnKind.Scheduled, null, payload);

    /// <summary>The line ids of the replies, comma-separated: what a conversation test compares.</summary>
    public async Task<string> LinesAfterAsync(string text) => string.Join(",", (await SayAsync(text)).Select(r => r.LineId));

    private async Task<IReadOnlyList<Reply>> RunAsync(TurnKind kind, MemberText? text, string? choice)
    {
        var turn = new Turn(new MemberId(member), new ConversationId(conversation), Place.Personal, locale, kind, text, choice, Now);
        var result = await engine.RunAsync(State, turn);
        foreach (var reply in result.Replies)
        {
            // Every reply of every test conversation is held to the phrasing rules, the crisis text included; what the
            // member wrote and the bot shows back is theirs.
            if (Guard.Check(BotWords.Of(reply.Text, memberTexts)) is { } rule)
                throw new Xunit.Sdk.XunitException($"Reply '{reply.LineId}' reads as directive ({rule}): {reply.Text}");
        }
        State = result.State;
        foreach (var change in result.Changes)
            await (groups ?? throw new InvalidOperationException("The turn changed a group; give the chat a group directory")).ApplyAsync(change, default);
        LastReplies = result.Replies;
        LastSafetyRule = result.SafetyRule;
        return result.Replies;
    }
}

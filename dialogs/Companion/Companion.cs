using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Companion;

/// <summary>
/// What PeerBot says before the product conversations exist: a welcome on install, and for "hjælp"/"help" or
/// anything it does not understand, a short text of what it can do. In a group it answers briefly and invites a
/// private chat, so personal questions stay personal. Wording: companion.&lt;language&gt;.json.
/// </summary>
public sealed class Companion(ContentCatalog content)
{
    public const string DialogId = "companion";

    /// <summary>The "Brug for hjælp nu?" button: it brings the help lines, from any point.</summary>
    public const string HelpNowChoice = "help-now";

    private static readonly LineRef Welcome = new(DialogId, "welcome");
    private static readonly LineRef Help = new(DialogId, "help");
    private static readonly LineRef HelpNotInAGroup = new(DialogId, "help-not-in-a-group");
    private static readonly LineRef UnclearAgain = new(DialogId, "unclear-again");
    private static readonly LineRef UnclearStill = new(DialogId, "unclear-still");
    private static readonly LineRef ChoiceAbout = new(DialogId, "choice-about");
    private static readonly LineRef ChoicePrivacy = new(DialogId, "choice-privacy");
    private static readonly LineRef About = new(DialogId, "about");
    private static readonly LineRef Privacy = new(DialogId, "privacy");
    private static readonly LineRef GroupHello = new(DialogId, "group-hello");
    private static readonly LineRef OpenPrivateChat = new(DialogId, "open-private-chat");
    private static readonly LineRef ChoiceHelpNow = new(DialogId, "choice-help-now");

    /// <summary>Every line this conversation uses, for the start-up check of the content files.</summary>
    public static IReadOnlyList<LineRef> Lines { get; } =
        [Welcome, Help, HelpNotInAGroup, UnclearAgain, UnclearStill, ChoiceAbout, ChoicePrivacy, ChoiceHelpNow, About, Privacy, GroupHello, OpenPrivateChat];

    /// <summary>
    /// The reply to a turn no dialog took; <paramref name="inAGroup"/> false puts joining a group first in the help.
    /// <paramref name="unclearInARow"/> counts the messages in a row it did not understand: the first gets the whole
    /// help, the next ones a short line instead of the same text again.
    /// </summary>
    public IReadOnlyList<Reply> Respond(Turn turn, bool inAGroup = true, int unclearInARow = 0)
    {
        if (turn.Place != Place.Personal)
            return [new PrivateChatInvitation(GroupHello.Id, Say(GroupHello, turn), Say(OpenPrivateChat, turn))];

        return turn switch
        {
            { Kind: TurnKind.Installed } => [Text(Welcome, turn)],
            { Kind: TurnKind.Choice, Choice: "about" } => [Text(About, turn)],
            { Kind: TurnKind.Choice, Choice: "privacy" } => [Text(Privacy, turn)],
            _ when unclearInARow == 2 => [HelpWithChoices(turn, UnclearAgain)],
            _ when unclearInARow > 2 => [HelpWithChoices(turn, UnclearStill)],
            _ => [HelpWithChoices(turn, inAGroup ? Help : HelpNotInAGroup)],
        };
    }

    private ChoiceReply HelpWithChoices(Turn turn, LineRef help) =>
        new(help.Id, Say(help, turn),
            [new Choice("about", Say(ChoiceAbout, turn)), new Choice("privacy", Say(ChoicePrivacy, turn)), new Choice(HelpNowChoice, Say(ChoiceHelpNow, turn))]);

    private TextReply Text(LineRef line, Turn turn) => new(line.Id, Say(line, turn));

    private string Say(LineRef line, Turn turn) => content.Line(line, turn.Language);
}

using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// The caring mode after a crisis reply, kept in the conversation's state: until when it lasts (the prompts' pause,
/// renewed by a second disclosure) and how many turns it has answered, so its short acknowledgements vary.
/// </summary>
public sealed record Caring(DateTimeOffset UntilUtc, int Turns = 0)
{
    public bool IsOnAt(DateTimeOffset nowUtc) => nowUtc < UntilUtc;
}

/// <summary>What a turn gets while the caring mode may be on; see <see cref="CaringMode.Decide"/>.</summary>
public enum CaringAction
{
    /// <summary>An ordinary turn: the caring mode is off, or the member asked for something the bot always does.</summary>
    None,

    /// <summary>Crisis language with no caring mode on: the full crisis reply, and the caring mode begins.</summary>
    Disclosure,

    /// <summary>Crisis language again: the shorter reply, not the same ten lines.</summary>
    RepeatedDisclosure,

    /// <summary>"hjælp nu", "hjælp", the help button: the help lines, and nothing else.</summary>
    HelpLines,

    /// <summary>"tilbage", "fortsæt" or the resume button: the caring mode ends and what was under way goes on.</summary>
    Back,

    /// <summary>Anything else written: a short acknowledgement. Never a menu, "I didn't understand" or "choose a button".</summary>
    Acknowledge,

    /// <summary>The member clicked a button or wrote "stop": the caring mode ends and the turn runs as usual.</summary>
    Leave,
}

/// <summary>
/// The product's rule for the turns after a crisis reply, apart from the dialogs: the member is met with care, can
/// always get the help lines again and always find the way back, and keeps every right (pause, language, consent,
/// their data).
/// </summary>
public static class CaringMode
{
    public static CaringAction Decide(Caring? caring, bool isCrisis, Turn turn, GlobalWord global)
    {
        // Only a member's own 1:1 chat holds a caring mode; in a group chat each crisis message gets the full reply.
        if (turn.Place != Place.Personal)
            return isCrisis ? CaringAction.Disclosure : CaringAction.None;
        var on = caring?.IsOnAt(turn.AtUtc) == true;
        if (isCrisis)
            return on ? CaringAction.RepeatedDisclosure : CaringAction.Disclosure;
        if (!on || turn.Kind is TurnKind.Scheduled or TurnKind.Installed)
            return CaringAction.None;
        if (global is GlobalWord.HelpNow or GlobalWord.Help)
            return CaringAction.HelpLines;
        if (global == GlobalWord.Resume || turn.Text is { } text && CrisisReply.BackWords.Contains(Words.Normalize(text.Reveal())))
            return CaringAction.Back;
        if (global == GlobalWord.Cancel || turn.Kind == TurnKind.Choice)
            return CaringAction.Leave;
        if (global != GlobalWord.None)
            return CaringAction.None;
        return CaringAction.Acknowledge;
    }
}

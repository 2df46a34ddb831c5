namespace PeerBot.Dialogs.Conversations;

/// <summary>A dialog: a short list of steps. Its wording is in &lt;Id&gt;.&lt;language&gt;.json.</summary>
public interface IDialog
{
    DialogId Id { get; }

    /// <summary>Words that start this dialog when no other is running ("personligt statement"), in any language; lower case.</summary>
    IReadOnlyCollection<string> StartWords { get; }

    IReadOnlyList<Step> Steps { get; }

    /// <summary>True when the dialog keeps what the member writes: it then starts only after they said yes to that.</summary>
    bool KeepsMemberText => false;

    /// <summary>
    /// True when a member who already said no to keeping reflections is not asked the whole question again: the dialog
    /// goes on and keeps nothing they write unless it asks about that one thing itself (a statement asks; joining keeps
    /// only the membership; the week's question is answered and not kept).
    /// </summary>
    bool GoesOnAfterANo => false;

    /// <summary>True when the start words may carry the answer to the first question ("deltag K7QX-M2PA").</summary>
    bool StartWordsTakeAnAnswer => false;

    /// <summary>Lines its Do steps say (<see cref="StepContext.Say"/>), for the start-up check of the content files.</summary>
    IReadOnlyCollection<string> LinesSaidByActions => [];
}

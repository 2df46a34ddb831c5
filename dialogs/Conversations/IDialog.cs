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
    /// True when a member who said no to keeping reflections is asked by the dialog itself whether this one thing may
    /// be kept (a personal statement), instead of being asked the whole question again.
    /// </summary>
    bool AsksItsOwnConsent => false;

    /// <summary>Lines its Do steps say (<see cref="StepContext.Say"/>), for the start-up check of the content files.</summary>
    IReadOnlyCollection<string> LinesSaidByActions => [];
}

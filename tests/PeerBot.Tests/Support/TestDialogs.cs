using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Tests.Support;

/// <summary>Dialogs written for the engine's tests, with their content files.</summary>
public static class TestDialogs
{
    public sealed class CheckIn : IDialog
    {
        public bool KeepsMemberText => true;
        public DialogId Id { get; } = new("check-in");
        public IReadOnlyCollection<string> StartWords { get; } = ["check in", "tjek ind"];
        public IReadOnlyList<Step> Steps { get; } =
        [
            Say("hello"),
            Ask("went-well"),
            Choose("pace", "calm", "busy"),
            Confirm("keep"),
            Do("kept-or-not", context => Task.FromResult(context.Answers["keep"].Yes == false ? "not-kept" : null)),
            Say("kept"),
            Do("done", _ => Task.FromResult<string?>(EndOfDialog)),
            Say("not-kept"),
        ];
    }

    /// <summary>The same dialog after an edit: "pace" is gone and a new question comes after "keep".</summary>
    public sealed class CheckInEdited : IDialog
    {
        public bool KeepsMemberText => true;
        public DialogId Id { get; } = new("check-in");
        public IReadOnlyCollection<string> StartWords { get; } = ["check in"];
        public IReadOnlyList<Step> Steps { get; } =
        [
            Say("hello"),
            Ask("went-well"),
            Confirm("keep"),
            Ask("anything-else"),
            Say("kept"),
        ];
    }

    public sealed class Notes : IDialog
    {
        public bool KeepsMemberText => true;
        public DialogId Id { get; } = new("notes");
        public IReadOnlyCollection<string> StartWords { get; } = ["noter", "notes"];
        public IReadOnlyList<Step> Steps { get; } = [AskMany("note"), Say("saved")];
    }

    public sealed class Outer : IDialog
    {
        public bool KeepsMemberText => true;
        public DialogId Id { get; } = new("outer");
        public IReadOnlyCollection<string> StartWords { get; } = ["outer"];
        public IReadOnlyList<Step> Steps { get; } = [Say("before"), Start("inner-notes", new DialogId("notes")), Say("after")];
    }

    public static IReadOnlyList<IDialog> All { get; } = [new CheckIn(), new Notes(), new Outer()];

    public static IReadOnlyList<(string FileName, string Json)> Content { get; } =
    [
        File("check-in", "da", 1, """
            "hello": "Hej igen.", "went-well": "Hvad gik godt?", "pace": "Hvordan var tempoet?", "pace.retry": "Du kan vælge en af knapperne.",
            "pace.calm": "Roligt", "pace.busy": "Travlt", "keep": "Vil du gemme det?", "keep.retry": "Ja eller nej?",
            "kept": "Gemt.", "not-kept": "Ikke gemt.", "anything-else": "Andet?"
            """),
        File("check-in", "en", 1, """
            "hello": "Hi again.", "went-well": "What went well?", "pace": "How was the pace?", "pace.retry": "You can pick one of the buttons.",
            "pace.calm": "Calm", "pace.busy": "Busy", "keep": "Would you like to keep it?", "keep.retry": "Yes or no?",
            "kept": "Kept.", "not-kept": "Not kept.", "anything-else": "Anything else?"
            """),
        File("notes", "da", 1, """ "note": "Hvad vil du notere?", "note.more": "Mere?", "saved": "Noteret." """),
        File("notes", "en", 1, """ "note": "What would you like to note?", "note.more": "More?", "saved": "Noted." """),
        File("outer", "da", 1, """ "before": "Før.", "after": "Efter." """),
        File("outer", "en", 1, """ "before": "Before.", "after": "After." """),
    ];

    private static (string, string) File(string dialog, string language, int version, string lines) =>
        ($"{dialog}.{language}.json", $$"""{ "dialog": "{{dialog}}", "version": {{version}}, "language": "{{language}}", "lines": { {{lines}} } }""");
}

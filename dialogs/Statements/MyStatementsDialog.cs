using System.Globalization;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Statements;

/// <summary>
/// "mine statements"/"my statements": the saved versions with their dates (and meetings); any one can be shown whole,
/// copied into a new draft, or deleted. Wording: my-statements.&lt;language&gt;.json.
/// </summary>
public sealed class MyStatementsDialog : IDialog
{
    public static readonly DialogId DialogId = new("my-statements");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["mine statements", "my statements"];

    public bool KeepsMemberText => true;

    public bool GoesOnAfterANo => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } =
        ["none", "list", "item", "item-for-meeting", "not-a-number", "show", "copied", "deleted", "kept", "download", "too-long"];

    public IReadOnlyList<Step> Steps { get; } =
    [
        Do("list", List),
        Ask("which"),
        Do("show-one", ShowOne),
        Choose("what-now", "copy", "delete", "done"),
        Do("route", Route),
        Confirm("sure"),
        Do("delete", Delete),
    ];

    private static Task<string?> List(StepContext context)
    {
        if (context.State.Statements.IsEmpty)
        {
            context.Say("none");
            return Task.FromResult<string?>(EndOfDialog);
        }
        context.Say("list");
        foreach (var statement in context.State.Statements)
        {
            var number = statement.Number.ToString(CultureInfo.InvariantCulture);
            var date = PersonalStatementDialog.DateOf(statement, context.Language);
            if (statement.Meeting is { } meeting)
                context.Say("item-for-meeting", ("number", number), ("date", date), ("meeting", meeting.Reveal()));
            else
                context.Say("item", ("number", number), ("date", date));
        }
        return Task.FromResult<string?>(null);
    }

    private static Task<string?> ShowOne(StepContext context)
    {
        if (context.Answers["which"].IsSkipped)
            return Task.FromResult<string?>(EndOfDialog);
        var typed = context.Answers["which"].Texts[0].Reveal().Trim().TrimEnd('.');
        var statement = int.TryParse(typed, out var number) ? context.State.Statements.FirstOrDefault(s => s.Number == number) : null;
        if (statement is null)
        {
            context.Say("not-a-number");
            return Task.FromResult<string?>("which");
        }
        context.Remember("chosen", new Answer { Choice = number.ToString(CultureInfo.InvariantCulture) });
        var text = context.Line(DialogId, "show").Replace("{statement}", PersonalStatementDialog.Compose(context, PersonalStatementDialog.AnswersOf(statement)), StringComparison.Ordinal);
        context.Show(new StatementReply("show", text, PersonalStatementDialog.SheetOf(context, statement), statement.Number,
            context.Line(DialogId, "download"), context.Line(DialogId, "too-long")));
        return Task.FromResult<string?>(null);
    }

    private static Task<string?> Route(StepContext context)
    {
        switch (context.Answers["what-now"].Choice)
        {
            case "copy":
                context.State = context.State with { StatementDraft = PersonalStatementDialog.AnswersOf(Chosen(context)) };
                context.Say("copied");
                return Task.FromResult<string?>(EndOfDialog);
            case "delete":
                return Task.FromResult<string?>("sure");
            default:
                return Task.FromResult<string?>(EndOfDialog);
        }
    }

    private static Task<string?> Delete(StepContext context)
    {
        var yes = context.Answers["sure"].Yes == true;
        if (yes)
            context.State = context.State with { Statements = context.State.Statements.Remove(Chosen(context)) };
        context.Say(yes ? "deleted" : "kept");
        return Task.FromResult<string?>(null);
    }

    private static Statement Chosen(StepContext context)
    {
        var number = int.Parse(context.Answers["chosen"].Choice!, CultureInfo.InvariantCulture);
        return context.State.Statements.Single(s => s.Number == number);
    }
}

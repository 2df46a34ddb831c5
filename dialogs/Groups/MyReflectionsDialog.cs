using System.Globalization;
using PeerBot.Dialogs.Conversations;
using static PeerBot.Dialogs.Conversations.Steps;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// "mine refleksioner"/"my reflections": the member's own answers by week; any one can be read in full, changed or
/// deleted. Only ever in their own 1:1 chat. Wording: my-reflections.&lt;language&gt;.json.
/// </summary>
public sealed class MyReflectionsDialog(IReadOnlyDictionary<string, Course> courses) : IDialog
{
    public static readonly DialogId DialogId = new("my-reflections");

    public DialogId Id => DialogId;

    public IReadOnlyCollection<string> StartWords { get; } = ["mine refleksioner", "my reflections"];

    public bool KeepsMemberText => true;

    public bool GoesOnAfterANo => true;

    public IReadOnlyCollection<string> LinesSaidByActions { get; } = ["none", "list", "item", "not-a-number", "show", "changed", "deleted", "kept", "just-for-you", "to-bring", "closed"];

    public IReadOnlyList<Step> Steps => steps ??=
    [
        Do("list", List),
        Ask("which"),
        Do("show-one", ShowOne),
        Choose("what-now", "change", "delete", "done"),
        Do("route", Route),
        AskMany("new-text", skippable: false),
        Do("replace", Replace),
        Do("end-after-change", _ => Task.FromResult<string?>(EndOfDialog)),
        Confirm("sure"),
        Do("delete", Delete),
    ];

    private IReadOnlyList<Step>? steps;

    private Task<string?> List(StepContext context)
    {
        if (context.State.Reflections.IsEmpty)
        {
            context.Say("none");
            return Task.FromResult<string?>(EndOfDialog);
        }
        context.Say("list");
        foreach (var (reflection, index) in context.State.Reflections.Select((r, i) => (r, i)))
            context.Say("item", ("number", (index + 1).ToString(CultureInfo.InvariantCulture)), ("session", reflection.Session.ToString(CultureInfo.InvariantCulture)),
                ("question", Question(reflection, context.Language)), ("kept", context.Line(DialogId, reflection.BringToGroup ? "to-bring" : "just-for-you")));
        return Task.FromResult<string?>(null);
    }

    private Task<string?> ShowOne(StepContext context)
    {
        if (context.Answers["which"].IsSkipped)
            return Task.FromResult<string?>(EndOfDialog);
        if (!int.TryParse(context.Answers["which"].Texts[0].Reveal().Trim().TrimEnd('.'), out var number) || number < 1 || number > context.State.Reflections.Count)
        {
            context.Say("not-a-number");
            return Task.FromResult<string?>("which");
        }
        context.Remember("chosen", new Answer { Choice = (number - 1).ToString(CultureInfo.InvariantCulture) });
        var reflection = context.State.Reflections[number - 1];
        context.Say("show", ("question", Question(reflection, context.Language)), ("answer", string.Join("\n", reflection.Texts.Select(t => t.Reveal()))));
        return Task.FromResult<string?>(null);
    }

    private static Task<string?> Route(StepContext context) => Task.FromResult<string?>(context.Answers["what-now"].Choice switch
    {
        "change" => null,
        "delete" => "sure",
        _ => Closed(context),
    });

    private static string Closed(StepContext context)
    {
        context.Say("closed");
        return EndOfDialog;
    }

    private static Task<string?> Replace(StepContext context)
    {
        var index = Chosen(context);
        var texts = context.Answers["new-text"].Texts;
        if (!texts.IsEmpty)
            context.State = context.State with { Reflections = context.State.Reflections.SetItem(index, context.State.Reflections[index] with { Texts = texts }) };
        context.Say(texts.IsEmpty ? "kept" : "changed");
        return Task.FromResult<string?>(null);
    }

    private static Task<string?> Delete(StepContext context)
    {
        var yes = context.Answers["sure"].Yes == true;
        if (yes)
            context.State = context.State with { Reflections = context.State.Reflections.RemoveAt(Chosen(context)) };
        context.Say(yes ? "deleted" : "kept");
        return Task.FromResult<string?>(null);
    }

    private static int Chosen(StepContext context) => int.Parse(context.Answers["chosen"].Choice!, CultureInfo.InvariantCulture);

    private string Question(Reflection reflection, string language) =>
        reflection.OwnQuestionText ?? courses.Values.SelectMany(c => c.Sessions).SelectMany(s => s.Questions).FirstOrDefault(q => q.Id == reflection.QuestionId)?.In(language) ?? reflection.QuestionId;
}

using System.Globalization;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Groups;

/// <summary>
/// For dialogs about one group when a member is in several: the groups as a numbered list, and the member's pick.
/// A dialog that uses it has the steps Ask("which-group") and Do(…Pick…) and the lines "pick-group",
/// "pick-group.item" ({number}, {name}) and "pick-group.retry".
/// </summary>
public static class GroupPicker
{
    public const string AskStep = "which-group";
    public static readonly string[] Lines = ["pick-group", "pick-group.item", "pick-group.retry"];

    private const string Options = "group-options";
    private const string ChosenKey = "group";

    /// <summary>With one group it is chosen and the dialog goes to <paramref name="next"/>; with several the member is asked.</summary>
    public static string? Offer(StepContext context, IReadOnlyList<Group> candidates, string next)
    {
        if (candidates.Count == 1)
        {
            context.Remember(ChosenKey, new Answer { Choice = candidates[0].Id.Value });
            return next;
        }
        context.Remember(Options, new Answer { Choice = string.Join(',', candidates.Select(g => g.Id.Value)) });
        context.Say("pick-group");
        for (var i = 0; i < candidates.Count; i++)
            context.Say("pick-group.item", ("number", (i + 1).ToString(CultureInfo.InvariantCulture)), ("name", candidates[i].Name));
        return AskStep;
    }

    /// <summary>
    /// The groups the member facilitates, offered as above; a member who facilitates none is told so (the dialog's
    /// line "not-facilitator") and the dialog ends.
    /// </summary>
    public static async Task<string?> OfferFacilitatedAsync(StepContext context, IGroupDirectory groups, string next)
    {
        var mine = (await groups.AllAsync(CancellationToken.None))
            .Where(g => g.Facilitators.Any(f => f.Member == context.Turn.Member))
            .OrderBy(g => g.FirstSessionLocal)
            .ToList();
        if (mine.Count > 0)
            return Offer(context, mine, next);
        context.Say("not-facilitator");
        return Steps.EndOfDialog;
    }

    /// <summary>Reads the member's pick (a number from the list); asks again when it is not one.</summary>
    public static string? Pick(StepContext context)
    {
        var options = context.Answers[Options].Choice!.Split(',');
        if (context.Answers[AskStep].IsSkipped)
            return Steps.EndOfDialog;
        if (!int.TryParse(context.Answers[AskStep].Texts[0].Reveal().Trim().TrimEnd('.'), out var number) || number < 1 || number > options.Length)
        {
            context.Say("pick-group.retry");
            return AskStep;
        }
        context.Remember(ChosenKey, new Answer { Choice = options[number - 1] });
        return null;
    }

    public static GroupId Chosen(StepContext context) => new(context.Answers[ChosenKey].Choice!);
}

using PeerBot.Bot.Hosting;
using PeerBot.Bot.Conversations;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Statements;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Decides what an authenticated activity means (protocol.md §6): a message or a card click is a member's turn,
/// an install is a welcome (once per conversation), a removal marks the conversation unreachable, an
/// adaptiveCard/action invoke is a card click answered in the same HTTP response. Other types are accepted and ignored.
/// </summary>
public sealed class ActivityRouter(
    TurnRunner turns,
    ConversationRecords conversations,
    StatementDownloads downloads,
    [FromKeyedServices(ProductClock.Key)] TimeProvider time)
{
    private const string TeamsChannelId = "msteams";

    /// <summary>Handles the activity; returns the invoke response for invokes, null for everything else.</summary>
    public Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken cancellationToken) => activity.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(activity, cancellationToken),
        ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(activity, cancellationToken),
        ActivityTypes.InstallationUpdate => OnInstallationUpdateAsync(activity, cancellationToken),
        ActivityTypes.Invoke => OnInvokeAsync(activity, cancellationToken),
        _ => Task.FromResult<InvokeResponse?>(null),
    };

    private async Task<InvokeResponse?> OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        await conversations.RememberAsync(ActivityTranslator.ReferenceOf(activity), isInstall: false, cancellationToken);
        var kind = ActivityTranslator.ChoiceOf(activity) is null ? TurnKind.Message : TurnKind.Choice;
        await RunTurnAsync(activity, kind, cancellationToken);
        return null;
    }

    private async Task<InvokeResponse?> OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Teams lists the bot itself in membersAdded when the app is installed; other members joining need no greeting.
        // Teams also sends installationUpdate for the same install, and only that one carries the locale, so in Teams
        // the welcome waits for it; other channels send only this event.
        var botId = activity.Recipient?.Id;
        if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            if (activity.ChannelId == TeamsChannelId)
                await conversations.RememberAsync(ActivityTranslator.ReferenceOf(activity), isInstall: false, cancellationToken);
            else
                await OnInstalledAsync(activity, cancellationToken);
        }
        else if (activity.MembersRemoved?.Any(m => m.Id == botId) == true)
            await conversations.MarkUninstalledAsync(ActivityTranslator.ReferenceOf(activity), cancellationToken);
        return null;
    }

    private async Task<InvokeResponse?> OnInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Action)
        {
            case "add" or "add-upgrade":
                await OnInstalledAsync(activity, cancellationToken);
                break;
            case "remove" or "remove-upgrade":
                // No goodbye: after an uninstall the bot can no longer write here.
                await conversations.MarkUninstalledAsync(ActivityTranslator.ReferenceOf(activity), cancellationToken);
                break;
        }
        return null;
    }

    private async Task OnInstalledAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await conversations.RememberAsync(ActivityTranslator.ReferenceOf(activity), isInstall: true, cancellationToken))
            await RunTurnAsync(activity, TurnKind.Installed, cancellationToken);
    }

    private async Task<InvokeResponse?> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Name != "adaptiveCard/action")
            return InvokeResponse.NotImplemented;
        if (activity.Value is null)
            return InvokeResponse.CardActionError(StatusCodes.Status400BadRequest, "BadRequest", "Missing value property");

        await conversations.RememberAsync(ActivityTranslator.ReferenceOf(activity), isInstall: false, cancellationToken);
        // The replies go into the chat like any other; the card itself only needs to know the click arrived.
        await RunTurnAsync(activity, TurnKind.Choice, cancellationToken);
        return InvokeResponse.CardActionMessage("✓");
    }

    private async Task RunTurnAsync(Activity activity, TurnKind kind, CancellationToken cancellationToken)
    {
        var turn = ActivityTranslator.ToTurn(activity, kind, time.GetUtcNow());
        var conversationKey = $"{activity.ChannelId}/{activity.Conversation!.Id}";
        await turns.RunAsync(conversationKey, turn, async (replies, ct) =>
            [.. (await WithPrintedStatementsAsync(replies, conversationKey, ct)).Select(reply =>
                OutboxItem.For(reply.Reply.LineId, ActivityTranslator.ToActivity(reply.Reply, activity, reply.DownloadUrl), activity.ServiceUrl!, activity.TenantId, isProactive: false))],
            cancellationToken);
    }

    /// <summary>
    /// A shown statement gets a download link to its printed sheet; one too long for a page gets, instead, the line
    /// that asks the member to shorten the part that does not fit.
    /// </summary>
    private async Task<IReadOnlyList<(Reply Reply, string? DownloadUrl)>> WithPrintedStatementsAsync(
        IReadOnlyList<Reply> replies, string conversationKey, CancellationToken cancellationToken)
    {
        var result = new List<(Reply, string?)>();
        foreach (var reply in replies)
        {
            if (reply is not StatementReply statement)
            {
                result.Add((reply, null));
                continue;
            }
            var printed = StatementPdf.Print(statement.Sheet);
            if (printed.TooLongSection is { } section)
            {
                result.Add((reply, null));
                result.Add((new TextReply("too-long", statement.TooLongLine.Replace("{section}", section, StringComparison.Ordinal)), null));
                continue;
            }
            result.Add((reply, await downloads.CreateLinkAsync(conversationKey, statement.Number, statement.Sheet.Language, cancellationToken)));
        }
        return result;
    }
}

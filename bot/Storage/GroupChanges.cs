using PeerBot.Dialogs.Groups;

namespace PeerBot.Bot.Storage;

/// <summary>
/// Makes the group changes a saved turn asked for. A change that fails is logged (its kind and the exception's type)
/// and the others are made all the same: the turn is saved already, and one change that cannot be made must not hold
/// up the member's turns. The changes stay in the conversation's document until all were made, so the next turn (or
/// the same turn delivered again) tries once more; after that turn they are let go.
/// </summary>
public sealed partial class GroupChanges(IGroupDirectory groups, ILogger<GroupChanges> logger)
{
    /// <summary>Makes each change; false when one or more could not be made.</summary>
    public async Task<bool> MakeAsync(IEnumerable<GroupChange> changes, CancellationToken cancellationToken)
    {
        var allMade = true;
        foreach (var change in changes)
        {
            try
            {
                await groups.ApplyAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, change.GetType().Name, e.GetType().Name);
                allMade = false;
            }
        }
        return allMade;
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Error, "Group change {Change} could not be made: {Error}")]
        public static partial void Failed(ILogger logger, string change, string error);
    }
}

namespace PeerBot.Bot.Scheduling;

/// <summary>How long PeerBot keeps the data of a member who stopped writing. Configuration section "PeerBot:Retention".</summary>
public sealed class RetentionOptions
{
    /// <summary>After this long without a message from the member, everything held about them is deleted. Default: 180 days.</summary>
    public TimeSpan DeleteAfterInactiveFor { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long before the deletion the member gets one notice in their 1:1 chat. Default: 14 days.</summary>
    public TimeSpan NoticeBefore { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the bot looks for data to delete. Default: 1 hour.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

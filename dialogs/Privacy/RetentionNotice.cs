using System.Globalization;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Dialogs.Privacy;

/// <summary>The one notice a member gets before their data is deleted for inactivity. Wording: retention.&lt;language&gt;.json.</summary>
public sealed class RetentionNotice(ContentCatalog content)
{
    public const string DialogId = "retention";

    public static IEnumerable<LineRef> Lines => [new(DialogId, "notice")];

    public Reply Notice(string language, TimeSpan deletedIn) =>
        new TextReply("notice", content.Line(new LineRef(DialogId, "notice"), language,
            ("days", Math.Max(1, (int)Math.Ceiling(deletedIn.TotalDays)).ToString(CultureInfo.InvariantCulture))));
}

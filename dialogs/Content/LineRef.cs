namespace PeerBot.Dialogs.Content;

/// <summary>A line in a content file: the dialog's id and the line's id, both kebab-case.</summary>
public readonly record struct LineRef(string Dialog, string Id)
{
    public override string ToString() => $"{Dialog}/{Id}";
}

namespace PeerBot.Dialogs.Content;

/// <summary>A content file is missing, malformed, or disagrees with another language. The message names the file and line.</summary>
public sealed class InvalidContentException(string message) : Exception(message);

namespace PeerBot.Bot.Hosting;

/// <summary>The configuration cannot work (or would be unsafe); the message says why in one line, for the person starting the bot.</summary>
public sealed class StartRefusedException(string message) : Exception(message);

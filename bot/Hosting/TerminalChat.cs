using PeerBot.Bot.Conversations;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// `dotnet run --project bot -- chat [--lang da|en]`: a chat with PeerBot in the terminal, through the same
/// <see cref="TurnRunner"/> as Teams. Choices are numbered; typing a number picks one. Ctrl+D ends the chat.
/// </summary>
public static class TerminalChat
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var language = Languages.Danish;
        var langAt = Array.IndexOf(args, "--lang");
        if (langAt >= 0)
        {
            if (langAt + 1 >= args.Length || !Languages.All.Contains(args[langAt + 1]))
            {
                await output.WriteLineAsync($"--lang takes one of: {string.Join(", ", Languages.All)}");
                return 2;
            }
            language = args[langAt + 1];
        }

        var builder = Host.CreateApplicationBuilder(args.Where((_, i) => i != langAt && i != langAt + 1).Skip(1).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDialogs(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<TurnRunner>();
        host.Services.GetRequiredService<DialogEngine>();

        var chat = new Chat(runner, language, output);
        await output.WriteLineAsync(language == Languages.English
            ? "(A terminal chat with PeerBot. Type a number to pick a choice; Ctrl+D ends the chat.)"
            : "(En chat med PeerBot i terminalen. Skriv et tal for at vælge; Ctrl+D afslutter.)");
        await chat.SayAsync(TurnKind.Installed, null, null);
        while (await input.ReadLineAsync() is { } line)
        {
            if (int.TryParse(line.Trim(), out var number) && number >= 1 && number <= chat.Choices.Count)
                await chat.SayAsync(TurnKind.Choice, null, chat.Choices[number - 1].Id);
            else
                await chat.SayAsync(TurnKind.Message, new MemberText(line), null);
        }
        return 0;
    }

    private sealed class Chat(TurnRunner runner, string language, TextWriter output)
    {
        public IReadOnlyList<Choice> Choices { get; private set; } = [];

        public async Task SayAsync(TurnKind kind, MemberText? text, string? choice)
        {
            var turn = new Turn(new MemberId("terminal"), new ConversationId("terminal"), Place.Personal, language, kind, text, choice, DateTimeOffset.UtcNow);
            var replies = await runner.RunAsync("terminal/terminal", turn, CancellationToken.None);
            Choices = [];
            foreach (var reply in replies)
            {
                await output.WriteLineAsync($"PeerBot: {reply.Text}");
                if (reply is DataExport export)
                    await output.WriteLineAsync(export.Json);
                if (reply is ChoiceReply choices)
                {
                    Choices = choices.Choices;
                    for (var i = 0; i < Choices.Count; i++)
                        await output.WriteLineAsync($"  {i + 1}. {Choices[i].Label}");
                }
            }
            await output.WriteAsync("> ");
        }
    }
}

using PeerBot.Bot.Conversations;
using PeerBot.Bot.Statements;
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

        // Everything after "chat" but the --lang pair is ordinary configuration (e.g. --PeerBot:DataFolder).
        var settings = args.Where((_, i) => i != 0 && (langAt < 0 || (i != langAt && i != langAt + 1))).ToArray();
        var builder = Host.CreateApplicationBuilder(settings);
        // The terminal is the conversation itself: no log lines in between.
        builder.Logging.ClearProviders();
        builder.Services.AddDialogs(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<TurnRunner>();
        host.Services.GetRequiredService<DialogEngine>();

        var statements = Path.Combine(ServiceRegistration.DataFolder(builder.Configuration, builder.Environment.ContentRootPath), "statements");
        var chat = new Chat(runner, language, output, statements);
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

    private sealed class Chat(TurnRunner runner, string language, TextWriter output, string statementsFolder)
    {
        public IReadOnlyList<Choice> Choices { get; private set; } = [];

        public async Task SayAsync(TurnKind kind, MemberText? text, string? choice)
        {
            var turn = new Turn(new MemberId("terminal"), new ConversationId("terminal"), Place.Personal, language, kind, text, choice, DateTimeOffset.UtcNow);
            var replies = (await runner.RunAsync("terminal/terminal", turn, addressing: null, CancellationToken.None)).Replies;
            Choices = [];
            foreach (var reply in replies)
            {
                await output.WriteLineAsync($"PeerBot: {reply.Text}");
                if (reply is DataExport export)
                    await output.WriteLineAsync(export.Json);
                if (reply is StatementReply statement)
                    await PrintAsync(statement);
                if (reply is ChoiceReply choices)
                {
                    Choices = choices.Choices;
                    for (var i = 0; i < Choices.Count; i++)
                        await output.WriteLineAsync($"  {i + 1}. {Choices[i].Label}");
                }
            }
            await output.WriteAsync("> ");
        }

        // In the terminal the printed sheet is a file; its path is shown.
        private async Task PrintAsync(StatementReply statement)
        {
            var printed = StatementPdf.Print(statement.Sheet);
            if (printed.TooLongSection is { } section)
            {
                await output.WriteLineAsync("PeerBot: " + statement.TooLongLine.Replace("{section}", section, StringComparison.Ordinal));
                return;
            }
            Directory.CreateDirectory(statementsFolder);
            var path = Path.Combine(statementsFolder, $"statement-{statement.Number}.pdf");
            await File.WriteAllBytesAsync(path, printed.Pdf!);
            await output.WriteLineAsync($"  PDF: {path}");
        }
    }
}

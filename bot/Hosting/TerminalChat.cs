using PeerBot.Bot.Conversations;
using PeerBot.Bot.Statements;
using PeerBot.Dialogs.Content;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// `dotnet run --project bot -- chat [--lang da|en] [--as NAME] [--now "2026-03-19 18:00"]`: a chat with PeerBot in
/// the terminal, through the same <see cref="TurnRunner"/> as Teams. Choices are numbered; typing a number picks one.
/// Ctrl+D ends the chat. `--as` makes the chat one person's (a peer and a participant in two runs over one data
/// folder meet in the same group); `--now` sets the clock, in Danish time, to walk a course week by week.
/// </summary>
public static class TerminalChat
{
    /// <summary>Whose chat it is without --as.</summary>
    public const string DefaultPerson = "terminal";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var options = new Dictionary<string, string> { ["--lang"] = Languages.Danish, ["--as"] = DefaultPerson };
        var used = new HashSet<int> { 0 };
        foreach (var name in new[] { "--lang", "--as", "--now" })
        {
            var at = Array.IndexOf(args, name);
            if (at < 0)
                continue;
            if (at + 1 >= args.Length)
            {
                await output.WriteLineAsync($"{name} needs a value");
                return 2;
            }
            options[name] = args[at + 1];
            used.UnionWith([at, at + 1]);
        }
        var language = options["--lang"];
        if (!Languages.All.Contains(language))
        {
            await output.WriteLineAsync($"--lang takes one of: {string.Join(", ", Languages.All)}");
            return 2;
        }
        DateTimeOffset? now = null;
        if (options.TryGetValue("--now", out var typedNow))
        {
            if (!DateTime.TryParse(typedNow, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
            {
                await output.WriteLineAsync("--now takes a date and time such as \"2026-03-19 18:00\" (Danish time)");
                return 2;
            }
            now = Dialogs.Groups.GroupSchedule.ToUtc(local, Dialogs.Groups.CreateGroupDialog.DefaultTimeZone);
        }

        // Everything after "chat" but these pairs is ordinary configuration (e.g. --PeerBot:DataFolder).
        var settings = args.Where((_, i) => !used.Contains(i)).ToArray();
        var builder = Host.CreateApplicationBuilder(settings);
        // The terminal is the conversation itself: no log lines in between.
        builder.Logging.ClearProviders();
        builder.Services.AddDialogs(builder.Configuration, builder.Environment.ContentRootPath);
        var statements = new TerminalStatementFiles(Path.Combine(ServiceRegistration.DataFolder(builder.Configuration, builder.Environment.ContentRootPath), "statements"));
        builder.Services.AddSingleton<Storage.IMemberDataStore>(statements);
        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<TurnRunner>();
        host.Services.GetRequiredService<DialogEngine>();

        var chat = new Chat(runner, language, output, statements, options["--as"], now);
        await output.WriteLineAsync(language == Languages.English
            ? "(A terminal chat with PeerBot. Type a number to pick a choice; Ctrl+D ends the chat.)"
            : "(En chat med PeerBot i terminalen. Skriv et tal for at vælge; Ctrl+D afslutter.)");
        // The first sitting installs the bot; a later one (the same --as and data folder) goes on where it was.
        if ((await host.Services.GetRequiredService<Storage.ConversationStates>().LoadAsync(chat.Key, CancellationToken.None)).Document == Storage.ConversationDocument.New)
            await chat.SayAsync(TurnKind.Installed, null, null);
        else
            await output.WriteLineAsync(language == Languages.English
                ? "(Welcome back. Write \"help\" to see where we were.)"
                : "(Velkommen tilbage. Skriv \"hjælp\" for at se, hvor vi var.)");
        while (await input.ReadLineAsync() is { } line)
        {
            if (int.TryParse(line.Trim(), out var number) && number >= 1 && number <= chat.Choices.Count)
                await chat.SayAsync(TurnKind.Choice, null, chat.Choices[number - 1].Id);
            else
                await chat.SayAsync(TurnKind.Message, new MemberText(line), null);
        }
        return 0;
    }

    private sealed class Chat(TurnRunner runner, string language, TextWriter output, TerminalStatementFiles statementFiles, string person, DateTimeOffset? now)
    {
        /// <summary>The conversation's key in the store: one per person.</summary>
        public string Key => "terminal/" + person;

        public IReadOnlyList<Choice> Choices { get; private set; } = [];

        public async Task SayAsync(TurnKind kind, MemberText? text, string? choice)
        {
            var turn = new Turn(new MemberId(person), new ConversationId(person), Place.Personal, language, kind, text, choice, now ?? DateTimeOffset.UtcNow);
            var replies = (await runner.RunAsync(Key, turn, addressing: null, CancellationToken.None)).Replies;
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
            var path = statementFiles.FileFor(person, statement.Number);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, printed.Pdf!);
            await output.WriteLineAsync($"  PDF: {path}");
        }
    }
}

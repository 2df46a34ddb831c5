using PeerBot.Bot.Hosting;

// `dotnet run --project bot` serves /api/messages; `dotnet run --project bot -- chat` is a terminal chat.
if (args is ["chat", ..])
    return await TerminalChat.RunAsync(args, Console.In, Console.Out);

var app = BotApp.Create(args);
await app.RunAsync();
return 0;

using PeerBot.Bot.Hosting;
using PeerBot.Dialogs.Safety;

// `dotnet run --project bot` serves /api/messages; `-- chat` is a terminal chat; `-- eval-crisis FILE.tsv` and
// `-- eval-phrasing FILE.tsv` score the crisis detector and the phrasing guard on a labelled file; `-- package`
// builds the Teams app package.
if (args is ["chat", ..])
    return await TerminalChat.RunAsync(args, Console.In, Console.Out);
if (args is ["package", ..])
    return await TeamsPackage.RunAsync(args, Console.Out);
if (args is ["eval-crisis", var crisisFile])
    return Evaluation.Crisis(crisisFile, Console.Out);
if (args is ["eval-phrasing", var phrasingFile])
    return Evaluation.Phrasing(phrasingFile, Console.Out);

var app = BotApp.Create(args);
await app.RunAsync();
return 0;

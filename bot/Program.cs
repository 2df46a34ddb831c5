using PeerBot.Bot.Hosting;
using PeerBot.Dialogs.Safety;

// `dotnet run --project bot` serves /api/messages; `-- chat` is a terminal chat; `-- eval-crisis PATH` and
// `-- eval-phrasing PATH` score the crisis detector and the phrasing guard on labelled sentences (`--misses` lists
// them); `-- build-safety-models` trains their models from the development corpus; `-- package` builds the Teams
// app package; `-- eval-llm FILE` runs recorded answers through the configured language model.
if (args is ["chat", ..])
    return await TerminalChat.RunAsync(args, Console.In, Console.Out);
if (args is ["package", ..])
    return await TeamsPackage.RunAsync(args, Console.Out);
if (args is ["eval-crisis" or "eval-phrasing", ..])
    return Evaluation.Run(args, Console.Out);
if (args is ["eval-llm", ..])
    return await PeerBot.Bot.Llm.LlmEvaluation.RunAsync(args, Console.Out);
if (args is ["build-safety-models", ..])
    return SafetyModelBuilder.BuildAll(args.Length > 1 ? args[1] : Path.Combine("dialogs", "Safety"), Console.Out);

try
{
    await BotApp.Create(args).RunAsync();
    return 0;
}
catch (StartRefusedException refused)
{
    await Console.Error.WriteLineAsync("PeerBot did not start: " + refused.Message);
    return 1;
}

using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Llm;
using PeerBot.Dialogs.Safety;

namespace PeerBot.Bot.Llm;

/// <summary>
/// `eval-llm FILE [--lang da|en]`: runs recorded answers through the configured model, for a maintainer who has a
/// model to point at (PeerBot:Llm in appsettings or the environment). FILE holds one answer per line, or
/// "question | answer". Prints per answer what the model said and the verdict (used, or guarded and by which rule,
/// failed, timed out), then totals. Exit code 2 when no model is configured.
/// </summary>
public static class LlmEvaluation
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await output.WriteLineAsync("usage: eval-llm FILE [--lang da|en]   (one answer per line, or \"question | answer\")");
            return 2;
        }
        var at = Array.IndexOf(args, "--lang");
        var language = at >= 0 && at + 1 < args.Length ? args[at + 1] : "da";
        // The rest is configuration, as for the bot itself ("--PeerBot:Llm:Model gpt-4o-mini").
        var settings = args.Skip(2).Where((_, i) => at < 0 || (i + 2 != at && i + 2 != at + 1)).ToArray();
        var builder = Host.CreateApplicationBuilder(settings);
        var options = builder.Configuration.GetSection("PeerBot:Llm").Get<LlmOptions>() ?? new LlmOptions();
        if (!options.IsOn)
        {
            await output.WriteLineAsync("No model is configured: set PeerBot:Llm:Provider, Endpoint and Model (appsettings or PeerBot__Llm__...).");
            return 2;
        }
        var writer = new LlmWriter(LlmClients.Create(options), new LlmGuard(new CrisisDetector(), new PhrasingGuard()), Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LlmWriter>.Instance);

        int used = 0, fixedText = 0, n = 0;
        foreach (var line in await File.ReadAllLinesAsync(args[1]))
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                continue;
            var parts = line.Split('|', 2, StringSplitOptions.TrimEntries);
            var (question, answer) = parts.Length == 2 ? (parts[0], parts[1]) : (language == "en" ? "What was this week like for you?" : "Hvordan har ugen været for dig?", parts[0]);
            n++;
            var verdict = await writer.ReflectWithVerdictAsync(question, [new MemberText(answer)], language, CancellationToken.None);
            if (verdict.Shown is null)
                fixedText++;
            else
                used++;
            await output.WriteLineAsync($"{n}. {answer}");
            await output.WriteLineAsync($"   model: {verdict.ModelSaid ?? "-"}");
            await output.WriteLineAsync($"   verdict: {verdict.Outcome}{(verdict.Reason == "-" ? "" : $" ({verdict.Reason})")}"
                + (verdict.MemberMayBeInCrisis ? "; the second opinion read the answer as a possible crisis" : ""));
        }
        await output.WriteLineAsync($"{n} answers: {used} reflected by the model, {fixedText} got the fixed line");
        return 0;
    }
}

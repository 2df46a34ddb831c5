using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Protocol;
using PeerBot.Bot.Statements;
using PeerBot.Bot.Storage;
using PeerBot.Bot.Teams;
using PeerBot.Dialogs.Conversations;

namespace PeerBot.Bot.Hosting;

/// <summary>Builds the web host. Program.cs runs it; tests build it with their own configuration and a free port.</summary>
public static partial class BotApp
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Services.AddBotProtocol(builder.Configuration);
        builder.Services.AddDialogs(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        configure?.Invoke(builder);

        var app = builder.Build();
        RefuseToRunOpenOutsideDevelopment(app);
        // Content files, course templates and dialogs are checked now, so a missing line stops the start, not a turn.
        app.Services.GetRequiredService<DialogEngine>();
        app.MapMessagesEndpoint();
        app.MapHealthChecks("/healthz");
        app.MapGet("/statements/{token}", async (string token, StatementDownloads downloads, CancellationToken cancellationToken) =>
            await downloads.OpenAsync(token, cancellationToken) is { } file
                ? Results.File(file.Pdf, "application/pdf", $"statement-{file.Number}.pdf")
                : Results.NotFound());
        app.Lifetime.ApplicationStarted.Register(() => AnnounceStart(app));
        return app;
    }

    private static void RefuseToRunOpenOutsideDevelopment(WebApplication app)
    {
        var credentials = app.Services.GetRequiredService<IOptions<BotCredentials>>().Value;
        var options = app.Services.GetRequiredService<IOptions<PeerBotOptions>>().Value;
        if (credentials.Problem() is { } problem)
            throw new StartRefusedException($"{problem}. See appsettings.template.json.");
        if (credentials.IsLocalMode && !app.Environment.IsDevelopment() && !options.DangerouslyAllowUnauthenticatedRequests)
            throw new StartRefusedException(
                $"MicrosoftAppId is not set, so anyone could post to /api/messages. Outside Development ({app.Environment.EnvironmentName} now) " +
                "PeerBot needs credentials (see appsettings.template.json), or PeerBot:DangerouslyAllowUnauthenticatedRequests=true on a closed network.");
    }

    private static void AnnounceStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PeerBot");
        var credentials = app.Services.GetRequiredService<IOptions<BotCredentials>>().Value;
        foreach (var url in app.Urls)
        {
            if (credentials.IsLocalMode)
                Log.StartedLocal(logger, url);
            else
                Log.Started(logger, url, credentials.Type);
        }
    }

    private sealed class StoreHealthCheck(IStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await store.ReadAsync("health", cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "PeerBot is listening on {Url}/api/messages in local mode: no credentials, requests are not authenticated.\n" +
            "  Talk to it in a terminal:   dotnet run --project bot -- chat --lang da\n" +
            "  or with the Agents Playground (a Teams-shaped client):\n" +
            "    npx --prefix tests/tools agentsplayground -e <the address above>/api/messages -c msteams")]
        public static partial void StartedLocal(ILogger logger, string url);

        [LoggerMessage(2, LogLevel.Information, "PeerBot is listening on {Url}/api/messages as a {AppType} bot")]
        public static partial void Started(ILogger logger, string url, AppType appType);
    }
}

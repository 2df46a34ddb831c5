using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Hosting;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public void Startup_ProductionWithoutCredentials_RefusesToStart()
    {
        var error = Assert.Throws<StartRefusedException>(() => TestBot.Build(null, "Production", null, TempFolder.Create()));

        Assert.Contains("MicrosoftAppId is not set", error.Message);
        Assert.Contains("DangerouslyAllowUnauthenticatedRequests", error.Message);
    }

    [Fact]
    public async Task Startup_ProductionWithTheDangerousSetting_Starts()
    {
        await using var bot = await TestBot.StartAsync(
            new Dictionary<string, string?> { ["PeerBot:DangerouslyAllowUnauthenticatedRequests"] = "true" }, environment: "Production");

        using var response = await bot.Http.GetAsync("healthz");

        Assert.True(response.IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("MultiTenant", "", "", "MicrosoftAppPassword is required")]
    [InlineData("SingleTenant", "secret", "", "MicrosoftAppTenantId are required")]
    [InlineData("UserAssignedMSI", "", "", "MicrosoftAppTenantId is required")]
    [InlineData("UserAssignedMSI", "secret", "tenant", "must be empty")]
    [InlineData("Multitennant", "secret", "tenant", "MicrosoftAppType 'Multitennant' is not one of MultiTenant, SingleTenant, UserAssignedMSI")]
    public void Startup_IncompleteCredentials_SaysWhatIsMissing(string appType, string password, string tenant, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = TestActivities.AppId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        };

        var error = Assert.Throws<StartRefusedException>(() => TestBot.Build(settings, "Production", null, TempFolder.Create()));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development", "--MicrosoftAppType", "Single-Tenant")]
    public async Task Startup_RefusedAsAProcess_OneLineOnStandardErrorAndExitCode1(string environment, params string[] more)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll"), "--environment", environment, "--urls", "http://127.0.0.1:0", "--PeerBot:DataFolder", TempFolder.Create(), .. more])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("PeerBot did not start: ", line);
    }

    [Fact]
    public async Task Startup_Development_ServesWithoutCredentials()
    {
        await using var bot = await TestBot.StartAsync();

        Assert.Contains(bot.Logs.GetSnapshot(), r => r.Message.Contains("in local mode"));
    }

    [Fact]
    public async Task Startup_RetentionCheckedLessOftenThanATimerAllows_StopsWithTheReason()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestBot.StartAsync(new Dictionary<string, string?> { ["PeerBot:Retention:CheckEvery"] = "3650.00:00:00" }));

        Assert.Contains("CheckEvery must be between 1 minute and 49 days", error.Message);
    }

    [Fact]
    public void Startup_ContentFileMissingALanguage_StopsBeforeServingWithTheFileNamed()
    {
        var error = Assert.Throws<PeerBot.Dialogs.Content.InvalidContentException>(() => TestBot.Build(null, "Development",
            services => services.AddSingleton(new ExtraContent("demo.da.json", """{ "dialog": "demo", "version": 1, "language": "da", "lines": { "hej": "Hej" } }""")),
            TempFolder.Create()));

        Assert.Equal("demo.en.json: missing; every dialog needs a file in each of da, en", error.Message);
    }
}

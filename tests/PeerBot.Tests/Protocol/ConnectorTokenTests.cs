using Microsoft.Extensions.Options;
using PeerBot.Bot.Protocol;

namespace PeerBot.Tests.Protocol;

public sealed class ConnectorTokenTests
{
    [Fact]
    public async Task ConnectorToken_LocalMode_IsNeverFetched()
    {
        var source = new MsalConnectorTokenSource(Options.Create(new BotCredentials()));

        Assert.Null(await source.GetTokenAsync(default));
    }

    [Theory]
    [InlineData(null, AppType.MultiTenant)]
    [InlineData("SingleTenant", AppType.SingleTenant)]
    [InlineData("singletenant", AppType.SingleTenant)]
    [InlineData("UserAssignedMSI", AppType.UserAssignedMsi)]
    [InlineData("something else", AppType.MultiTenant)]
    public void AppType_FromConfiguration_DefaultsToMultiTenant(string? configured, AppType expected) =>
        Assert.Equal(expected, new BotCredentials { MicrosoftAppType = configured }.Type);
}

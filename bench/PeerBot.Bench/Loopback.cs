using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>The stand-ins the benchmarks talk to (a Bot Connector, a model server): small web apps on a free loopback port, quiet.</summary>
static class Loopback
{
    /// <summary>An app to map routes on and start; its address is in Urls once started.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}

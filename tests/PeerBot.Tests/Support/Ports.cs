using System.Net;
using System.Net.Sockets;

namespace PeerBot.Tests.Support;

public static class Ports
{
    /// <summary>A loopback port nobody listens on right now, for a process that takes its port as an argument.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>A server as a report groups it: its address and port, and the name the client asked for (SNI).</summary>
/// <param name="Endpoint">The server's address and TCP port.</param>
/// <param name="ServerName">The SNI host name, or null when the client sent none.</param>
public readonly record struct ServerKey(NetworkEndpoint Endpoint, string? ServerName) : IComparable<ServerKey>
{
    public int CompareTo(ServerKey other)
    {
        var byEndpoint = Endpoint.CompareTo(other.Endpoint);
        return byEndpoint != 0 ? byEndpoint : string.CompareOrdinal(ServerName, other.ServerName);
    }

    /// <summary>The name a client checks the certificate against: the SNI, else the server's address.</summary>
    public string NameToMatch => ServerName ?? Endpoint.Address.ToString();

    public override string ToString() =>
        ServerName is null ? Endpoint.ToString() : $"{Endpoint} ({ServerName})";
}

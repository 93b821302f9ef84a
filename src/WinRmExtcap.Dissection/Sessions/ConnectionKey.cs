using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>A TCP connection's two endpoints in a fixed order, the same for both directions.</summary>
internal readonly record struct ConnectionKey(NetworkEndpoint Lower, NetworkEndpoint Upper)
{
    public static ConnectionKey Of(NetworkEndpoint a, NetworkEndpoint b) =>
        a.CompareTo(b) <= 0 ? new ConnectionKey(a, b) : new ConnectionKey(b, a);
}

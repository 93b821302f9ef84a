using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>Writes host and port the way openssl's <c>-accept</c> and <c>-connect</c> read them.</summary>
public static class OpensslEndpoint
{
    /// <summary><c>127.0.0.1:5986</c>, or <c>[::1]:5986</c> for an IPv6 address.</summary>
    public static string Format(string address, int port)
    {
        string portText = port.ToString(CultureInfo.InvariantCulture);
        bool isIpv6 = IPAddress.TryParse(address, out IPAddress? parsed)
            && parsed.AddressFamily == AddressFamily.InterNetworkV6;
        return isIpv6 ? $"[{address}]:{portText}" : $"{address}:{portText}";
    }
}

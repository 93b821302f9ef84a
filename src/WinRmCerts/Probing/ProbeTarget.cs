using System.Globalization;
using System.Net;

namespace WinRmCerts.Probing;

/// <summary>
/// An endpoint to probe: the host name (sent as SNI and matched against the certificate) or an
/// IP address, and the TCP port.
/// </summary>
/// <param name="Host">A DNS name or an IP address, without brackets.</param>
/// <param name="Port">The TCP port, 1 to 65535.</param>
public readonly record struct ProbeTarget(string Host, int Port)
{
    /// <summary>The IANA port for WS-Management over HTTPS, used when no port is given.</summary>
    public const int WinRmHttpsPort = 5986;

    /// <summary>True when <see cref="Host"/> is an IP address literal rather than a name.</summary>
    public bool IsAddress => IPAddress.TryParse(Host, out _);

    /// <summary>
    /// Reads <c>HOST</c>, <c>HOST:PORT</c>, <c>[IPV6]</c>, <c>[IPV6]:PORT</c> or a bare IPv6
    /// address. Returns false with a one-line <paramref name="error"/> when the text is none of these.
    /// </summary>
    public static bool TryParse(string? text, out ProbeTarget target, out string error)
    {
        target = default;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "empty host";
            return false;
        }

        string host;
        string? portText = null;
        if (trimmed.StartsWith('['))
        {
            var close = trimmed.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"{trimmed}: missing ']' after the IPv6 address";
                return false;
            }
            host = trimmed[1..close];
            var rest = trimmed[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    error = $"{trimmed}: expected ':PORT' after ']'";
                    return false;
                }
                portText = rest[1..];
            }
            if (!IPAddress.TryParse(host, out _))
            {
                error = $"{trimmed}: not an IPv6 address inside the brackets";
                return false;
            }
        }
        else if (trimmed.Count(c => c == ':') > 1)
        {
            // More than one colon without brackets can only be an IPv6 address without a port.
            host = trimmed;
            if (!IPAddress.TryParse(host, out _))
            {
                error = $"{trimmed}: not a host name or IP address (write an IPv6 address with a port as [::1]:5986)";
                return false;
            }
        }
        else
        {
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? trimmed : trimmed[..colon];
            portText = colon < 0 ? null : trimmed[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            error = $"{trimmed}: not a host name or IP address";
            return false;
        }
        var port = WinRmHttpsPort;
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort))
        {
            error = $"{trimmed}: the port must be a number from 1 to {IPEndPoint.MaxPort}";
            return false;
        }
        target = new ProbeTarget(host, port);
        return true;
    }

    /// <summary><c>host:port</c>, with an IPv6 address in brackets.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}

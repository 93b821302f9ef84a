using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// One place in a saved configuration that names the certificate a server should present: a
/// WinRM HTTPS listener or an HTTP.sys SSL binding.
/// </summary>
public sealed record ConfiguredCertificate
{
    /// <summary>The WinRM service's application id in HTTP.sys SSL bindings.</summary>
    public const string WinRmApplicationId = "{afebb9ad-9b97-4a91-9ab5-daf4d59122f6}";

    public required ConfigurationSource Source { get; init; }

    /// <summary>Where it was read: the file name and the line the listener or binding starts on.</summary>
    public required string Origin { get; init; }

    /// <summary>The address it applies to, or null for every address (<c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>).</summary>
    public IpAddressValue? Address { get; init; }

    public required ushort Port { get; init; }

    /// <summary>For an HTTP.sys SNI binding (<c>Hostname:port</c>), the host name it applies to.</summary>
    public string? BindingHostName { get; init; }

    /// <summary>The listener's <c>Hostname</c> property (informational), or null.</summary>
    public string? ListenerHostName { get; init; }

    /// <summary>The configured thumbprint, or null when the entry names none or it is not 40 hex digits.</summary>
    public Thumbprint? Thumbprint { get; init; }

    /// <summary>The thumbprint text as saved.</summary>
    public string? ThumbprintText { get; init; }

    /// <summary>False when the listener is disabled; null when not stated.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The HTTP.sys binding's application id, or null for a listener.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>How the entry reads in a report, for example <c>WinRM HTTPS listener *:5986</c>.</summary>
    public string Description
    {
        get
        {
            var address = Address?.ToString() ?? "*";
            return Source switch
            {
                ConfigurationSource.NetshSslCert when BindingHostName is not null =>
                    $"HTTP.sys SSL binding {BindingHostName}:{Port}",
                ConfigurationSource.NetshSslCert =>
                    $"HTTP.sys SSL binding {address}:{Port}"
                    + (string.Equals(ApplicationId, WinRmApplicationId, StringComparison.OrdinalIgnoreCase)
                        ? " (WinRM)" : string.Empty),
                _ => $"WinRM HTTPS listener {address}:{Port}",
            };
        }
    }

    /// <summary>How specifically it names a server: 2 a host name binding, 1 one address, 0 every address.</summary>
    public int Specificity => BindingHostName is not null ? 2 : Address is null ? 0 : 1;

    /// <summary>
    /// True when a client connecting to <paramref name="server"/> would get this entry's
    /// certificate.
    /// </summary>
    public bool AppliesTo(ServerKey server)
    {
        if (server.Endpoint.Port != Port)
        {
            return false;
        }
        if (BindingHostName is not null)
        {
            return string.Equals(BindingHostName, server.ServerName, StringComparison.OrdinalIgnoreCase);
        }
        return Address is not { } address || address == server.Endpoint.Address;
    }
}

using System.Text.RegularExpressions;
using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Reporting;

public static partial class ListenerConfigurationParser
{
    private const string IpPortKey = "IP:port";
    private const string HostnamePortKey = "Hostname:port";
    private const string CertificateHashKey = "Certificate Hash";
    private const string ApplicationIdKey = "Application ID";

    /// <summary>Keys that open a new binding in <c>netsh http show sslcert</c>.</summary>
    private static readonly string[] BindingStartKeys =
        [IpPortKey, HostnamePortKey, "Central Certificate Store", "CCS Port"];

    /// <summary>
    /// <c>netsh http show sslcert</c>: per binding, indented <c>Name : Value</c> lines; a binding
    /// starts at <c>IP:port</c>, <c>Hostname:port</c> or a central certificate store line. Blank
    /// lines inside a binding (Server 2022) do not end it.
    /// </summary>
    private static void ParseNetsh(string[] lines, string name, List<ConfiguredCertificate> certificates,
        List<string> warnings)
    {
        Dictionary<string, string>? binding = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = NetshLine().Match(lines[i].TrimEnd());
            if (!match.Success)
            {
                continue;
            }
            var key = match.Groups["key"].Value;
            if (BindingStartKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                AddBinding(binding, Where(name, start), certificates, warnings);
                binding = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = i;
            }
            if (binding is not null)
            {
                binding[key] = match.Groups["value"].Value.Trim();
            }
        }
        AddBinding(binding, Where(name, start), certificates, warnings);
    }

    private static void AddBinding(Dictionary<string, string>? binding, string origin,
        List<ConfiguredCertificate> certificates, List<string> warnings)
    {
        if (binding is null)
        {
            return;
        }
        var endpointText = binding.GetValueOrDefault(IpPortKey) ?? binding.GetValueOrDefault(HostnamePortKey);
        if (endpointText is null)
        {
            // A central certificate store binding names no certificate of its own.
            return;
        }

        var colon = endpointText.LastIndexOf(':');
        if (colon < 0 || !TryReadPort(endpointText[(colon + 1)..], out var port))
        {
            warnings.Add($"{origin}: SSL binding with an unreadable endpoint \"{endpointText}\"");
            return;
        }
        var host = endpointText[..colon];
        IpAddressValue? address = null;
        string? hostName = null;
        if (binding.ContainsKey(IpPortKey))
        {
            if (!TryReadAddress(host, out address))
            {
                warnings.Add($"{origin}: SSL binding with an unreadable address \"{host}\"");
                return;
            }
        }
        else
        {
            hostName = host;
        }

        var (thumbprint, thumbprintText) = ReadThumbprint(binding.GetValueOrDefault(CertificateHashKey));
        if (thumbprint is null)
        {
            warnings.Add(thumbprintText is null
                ? $"{origin}: SSL binding {endpointText} names no certificate hash"
                : $"{origin}: SSL binding certificate hash \"{thumbprintText}\" is not 40 hex digits");
        }
        certificates.Add(new ConfiguredCertificate
        {
            Source = ConfigurationSource.NetshSslCert,
            Origin = origin,
            Address = address,
            Port = port,
            BindingHostName = hostName,
            Thumbprint = thumbprint,
            ThumbprintText = thumbprintText,
            ApplicationId = binding.GetValueOrDefault(ApplicationIdKey),
        });
    }

    /// <summary>
    /// An indented netsh line: a name that may itself hold a colon (<c>IP:port</c>), padding, <c>:
    /// value</c>.
    /// </summary>
    [GeneratedRegex(@"^\s+(?<key>\S(?:.*?\S)?)\s+: ?(?<value>.*)$")]
    private static partial Regex NetshLine();
}

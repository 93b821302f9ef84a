using System.Globalization;
using System.Net;
using System.Text;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Reads the saved output of the Windows commands that show which certificate WinRM should
/// present: <c>winrm enumerate winrm/config/listener</c>, <c>Get-ChildItem WSMan:\localhost\Listener
/// -Recurse | Format-List</c>, and <c>netsh http show sslcert</c>. Fields are found by name, never
/// by position (Server 2022 changed netsh's layout). One file may hold any mix of the three, in
/// UTF-8, UTF-16 with or without a byte order mark (PowerShell 5's <c>&gt;</c>), CRLF or LF.
/// </summary>
public static partial class ListenerConfigurationParser
{
    /// <summary>The default port of a WinRM HTTPS listener.</summary>
    public const ushort DefaultHttpsPort = 5986;

    private const string HttpsTransport = "HTTPS";
    private const double Utf16ZeroByteShare = 0.3;

    /// <summary>Reads and parses a saved configuration file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ListenerConfiguration ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(Decode(File.ReadAllBytes(path)), Path.GetFileName(path));
    }

    /// <summary>
    /// Finds every listener and binding in <paramref name="text"/>; <paramref name="name"/> labels
    /// them.
    /// </summary>
    public static ListenerConfiguration Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var certificates = new List<ConfiguredCertificate>();
        var warnings = new List<string>();
        ParseWinRmEnumerate(lines, name, certificates, warnings);
        ParseWsmanDrive(lines, name, certificates, warnings);
        ParseNetsh(lines, name, certificates, warnings);
        return new ListenerConfiguration(certificates, warnings);
    }

    /// <summary>
    /// Text from bytes: a byte order mark decides; without one, many zero bytes mean UTF-16LE
    /// (Windows PowerShell redirection), else UTF-8.
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> utf16LittleEndianMark = [0xFF, 0xFE];
        ReadOnlySpan<byte> utf16BigEndianMark = [0xFE, 0xFF];
        ReadOnlySpan<byte> utf8Mark = [0xEF, 0xBB, 0xBF];
        var span = bytes.AsSpan();
        if (span.StartsWith(utf16LittleEndianMark))
        {
            return Encoding.Unicode.GetString(span[utf16LittleEndianMark.Length..]);
        }
        if (span.StartsWith(utf16BigEndianMark))
        {
            return Encoding.BigEndianUnicode.GetString(span[utf16BigEndianMark.Length..]);
        }
        if (span.StartsWith(utf8Mark))
        {
            return Encoding.UTF8.GetString(span[utf8Mark.Length..]);
        }
        var zeros = span.Count((byte)0);
        return span.Length > 1 && zeros > span.Length * Utf16ZeroByteShare
            ? Encoding.Unicode.GetString(span)
            : Encoding.UTF8.GetString(span);
    }

    /// <summary>Reads <c>*</c>, <c>IP:192.0.2.1</c>, <c>0.0.0.0</c>, <c>[::]</c>; null means every address.</summary>
    private static bool TryReadAddress(string text, out IpAddressValue? address)
    {
        address = null;
        var value = text.Trim();
        if (value.StartsWith("IP:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[3..];
        }
        if (value is "*" or "" || value.StartsWith("MAC:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!IPAddress.TryParse(value.Trim('[', ']'), out var parsed))
        {
            return false;
        }
        if (!parsed.Equals(IPAddress.Any) && !parsed.Equals(IPAddress.IPv6Any))
        {
            address = IpAddressValue.FromIPAddress(parsed);
        }
        return true;
    }

    private static bool TryReadPort(string text, out ushort port) =>
        ushort.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port);

    private static (Thumbprint? Thumbprint, string? Text) ReadThumbprint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        var trimmed = text.Trim();
        return Thumbprint.TryParse(trimmed, out var thumbprint) ? (thumbprint, trimmed) : (null, trimmed);
    }

    private static string Where(string name, int lineIndex) =>
        $"{name}, entry at line {(lineIndex + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Adds a WinRM listener's certificate from its properties, or a warning saying why not.</summary>
    private static void AddListener(IReadOnlyDictionary<string, string> properties, ConfigurationSource source,
        string origin, List<ConfiguredCertificate> certificates, List<string> warnings)
    {
        if (!properties.TryGetValue("Transport", out var transport)
            || !string.Equals(transport.Trim(), HttpsTransport, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var port = DefaultHttpsPort;
        if (properties.TryGetValue("Port", out var portText) && !TryReadPort(portText, out port))
        {
            warnings.Add($"{origin}: HTTPS listener with an unreadable port \"{portText}\"");
            return;
        }
        IpAddressValue? address = null;
        if (properties.TryGetValue("Address", out var addressText) && !TryReadAddress(addressText, out address))
        {
            warnings.Add($"{origin}: HTTPS listener with an unreadable address \"{addressText}\"");
            return;
        }
        var (thumbprint, thumbprintText) = ReadThumbprint(properties.GetValueOrDefault("CertificateThumbprint"));
        if (thumbprint is null)
        {
            warnings.Add(thumbprintText is null
                ? $"{origin}: HTTPS listener names no certificate thumbprint"
                : $"{origin}: HTTPS listener thumbprint \"{thumbprintText}\" is not 40 hex digits");
        }
        bool? enabled = properties.TryGetValue("Enabled", out var enabledText)
            && bool.TryParse(enabledText.Trim(), out var parsedEnabled) ? parsedEnabled : null;
        var hostName = properties.GetValueOrDefault("Hostname")?.Trim();

        certificates.Add(new ConfiguredCertificate
        {
            Source = source,
            Origin = origin,
            Address = address,
            Port = port,
            ListenerHostName = string.IsNullOrEmpty(hostName) ? null : hostName,
            Thumbprint = thumbprint,
            ThumbprintText = thumbprintText,
            Enabled = enabled,
        });
    }
}

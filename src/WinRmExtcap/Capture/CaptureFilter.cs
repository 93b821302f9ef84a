using System.Globalization;
using SharpPcap;
using SharpPcap.LibPcap;

namespace WinRmExtcap.Capture;

/// <summary>Builds and checks the BPF filter the live capture runs with.</summary>
internal static class CaptureFilter
{
    /// <summary>
    /// <c>(Wireshark's filter) and (tcp port A or tcp port B) and host H</c>, leaving out the parts
    /// that are not set.
    /// </summary>
    public static string Build(string? wiresharkFilter, IReadOnlyList<ushort> ports, string? serverHost)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(wiresharkFilter))
        {
            parts.Add($"({wiresharkFilter.Trim()})");
        }
        parts.Add("(" + string.Join(" or ", ports.Select(p =>
            "tcp port " + p.ToString(CultureInfo.InvariantCulture))) + ")");
        if (serverHost is not null)
        {
            parts.Add("(host " + serverHost + ")");
        }
        return string.Join(" and ", parts);
    }

    /// <summary>
    /// Compiles <paramref name="filter"/> without opening a device. Returns null when libpcap accepts
    /// it, otherwise libpcap's reason.
    /// </summary>
    public static string? Check(string filter)
    {
        try
        {
            return PcapDevice.CheckFilter(filter, out var error) ? null : error ?? "invalid capture filter";
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or TypeInitializationException)
        {
            return "libpcap is not available to check the filter: " + e.Message;
        }
    }
}

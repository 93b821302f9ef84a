using System.Reflection;

namespace WinRmExtcap.Protocol;

/// <summary>The one interface this extcap offers, as Wireshark lists it.</summary>
internal static class ExtcapInterface
{
    /// <summary>
    /// The interface value: Wireshark's name for it in <c>-i</c>, in fifo names and in preference
    /// names (<c>extcap.winrm.*</c>). It must stay free of path separators and colons.
    /// </summary>
    public const string Name = "winrm";

    public const string Display = "WinRM over HTTPS";

    /// <summary>The title of the interface toolbar in View, Interface Toolbars.</summary>
    public const string ToolbarTitle = "WinRM certificates";

    /// <summary>The program version shown in Wireshark's About dialog, without build metadata.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ExtcapInterface).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var metadata = informational.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? informational : informational[..metadata];
    }
}

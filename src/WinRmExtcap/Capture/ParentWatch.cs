using System.Globalization;

namespace WinRmExtcap.Capture;

/// <summary>
/// Notices that the program that started the extcap (Wireshark, tshark) died without stopping it:
/// on Linux the extcap is then adopted by another process, so its parent id changes. Without this
/// an extcap killed together with tshark (SIGKILL) would capture on for as long as dumpcap keeps
/// the fifo open. Elsewhere it reports nothing and the closed fifo ends the capture.
/// </summary>
internal sealed class ParentWatch
{
    private const string StatusFile = "/proc/self/stat";

    // /proc/self/stat: "pid (comm) state ppid ..."; comm may hold spaces, so count from its ')'.
    private const int ParentFieldAfterName = 1;

    private readonly int? _parentAtStart = ReadParent();

    /// <summary>True when the parent at start is no longer the parent.</summary>
    public bool HasParentGone()
    {
        if (_parentAtStart is not { } original)
        {
            return false;
        }
        var current = ReadParent();
        return current is not null && current != original;
    }

    private static int? ReadParent()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText(StatusFile);
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(fields[ParentFieldAfterName], NumberStyles.None, CultureInfo.InvariantCulture,
                out var parent) ? parent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

using SharpPcap;
using SharpPcap.LibPcap;

namespace WinRmExtcap.Capture;

/// <summary>This machine's libpcap capture devices, and which one to preselect.</summary>
internal static class CaptureDevices
{
    /// <summary>pcap_if_t flags (pcap/pcap.h).</summary>
    private const uint LoopbackFlag = 0x1;
    private const uint UpFlag = 0x2;
    private const uint RunningFlag = 0x4;

    /// <summary>
    /// Lists the devices. The preselected one is <paramref name="preferred"/> when present, else the
    /// first device that is up, running, not loopback and has an address (where WinRM traffic to a
    /// remote server passes), else the first. Returns an empty list when libpcap (or Npcap) is
    /// missing or refuses, so the options dialog still opens.
    /// </summary>
    public static IReadOnlyList<CaptureDeviceChoice> List(string? preferred)
    {
        List<LibPcapLiveDevice> devices;
        try
        {
            devices = [.. LibPcapLiveDeviceList.New()];
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or TypeInitializationException)
        {
            return [];
        }

        var chosen = devices.FindIndex(d => d.Name == preferred);
        if (chosen < 0)
        {
            chosen = devices.FindIndex(IsLikelyUplink);
        }
        chosen = Math.Max(chosen, 0);

        return devices
            .Select((device, index) => new CaptureDeviceChoice(
                device.Name,
                string.IsNullOrWhiteSpace(device.Description) ? device.Name : device.Description,
                index == chosen))
            .ToList();
    }

    private static bool IsLikelyUplink(LibPcapLiveDevice device) =>
        (device.Flags & LoopbackFlag) == 0
        && (device.Flags & (UpFlag | RunningFlag)) == (UpFlag | RunningFlag)
        && device.Addresses.Any(a => a.Addr?.ipAddress is not null);
}

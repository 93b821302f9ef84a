namespace WinRmExtcap.Protocol;

/// <summary>The option names Wireshark itself passes to an extcap (Wireshark 3.6 to 4.4).</summary>
internal static class ExtcapArgumentNames
{
    public const string Interfaces = "--extcap-interfaces";
    public const string Version = "--extcap-version";
    public const string Interface = "--extcap-interface";
    public const string Dlts = "--extcap-dlts";
    public const string Config = "--extcap-config";
    public const string ReloadOption = "--extcap-reload-option";
    public const string CaptureFilter = "--extcap-capture-filter";
    public const string Capture = "--capture";
    public const string Fifo = "--fifo";
    public const string ControlIn = "--extcap-control-in";
    public const string ControlOut = "--extcap-control-out";
}

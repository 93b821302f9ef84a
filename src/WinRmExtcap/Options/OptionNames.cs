namespace WinRmExtcap.Options;

/// <summary>
/// The calls of the options this extcap offers in Wireshark's dialog. Wireshark's preference name
/// for each is the call without its dashes, so <c>--server-host</c> is set from tshark with
/// <c>-o extcap.winrm.serverhost:HOST</c>.
/// </summary>
internal static class OptionNames
{
    public const string Device = "--device";
    public const string Ports = "--ports";
    public const string ServerHost = "--server-host";
    public const string Annotate = "--annotate";
    public const string CertificateFolder = "--certificate-folder";
    public const string ExpectedThumbprint = "--expected-thumbprint";
    public const string KeyLogFile = "--keylog-file";
    public const string LogLevel = "--log-level";
    public const string LogFile = "--log-file";
}

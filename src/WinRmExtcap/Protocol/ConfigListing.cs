using WinRmExtcap.Capture;
using WinRmExtcap.Options;

namespace WinRmExtcap.Protocol;

/// <summary>
/// Answers <c>--extcap-config</c>: the options dialog. No option is <c>required</c>, because
/// Wireshark 4.0 refuses to start a capture from an interface that declares one; the capture
/// checks the values itself.
/// </summary>
internal static class ConfigListing
{
    private const string CaptureGroup = "Capture";
    private const string CertificatesGroup = "Certificates";
    private const string DebugGroup = "Debug";

    /// <summary>The arg numbers, in dialog order.</summary>
    private enum ArgNumber
    {
        Device,
        Ports,
        ServerHost,
        Annotate,
        CertificateFolder,
        ExpectedThumbprint,
        KeyLogFile,
        LogLevel,
        LogFile,
    }

    /// <summary>
    /// Writes the whole dialog, or, when <paramref name="reloadOption"/> names the device selector,
    /// only the selector's refreshed values. <paramref name="currentDevice"/> is the device the
    /// dialog holds now, kept selected after a reload.
    /// </summary>
    public static void Write(
        TextWriter output,
        string? reloadOption,
        string? currentDevice,
        Func<string?, IReadOnlyList<CaptureDeviceChoice>> listDevices)
    {
        if (reloadOption is not null)
        {
            if (IsCall(reloadOption, OptionNames.Device))
            {
                WriteDeviceValues(output, listDevices(currentDevice));
            }
            return;
        }

        output.WriteLine(Arg(ArgNumber.Device, OptionNames.Device, "Capture device", "selector")
            .With("tooltip", "The libpcap device the WinRM traffic passes")
            .With("reload", true)
            .With("placeholder", "Reload devices")
            .With("group", CaptureGroup));
        WriteDeviceValues(output, listDevices(currentDevice));

        output.WriteLine(Arg(ArgNumber.Ports, OptionNames.Ports, "WinRM ports", "string")
            .With("tooltip", "TCP ports of the WinRM listeners, comma separated: 5986 for HTTPS, "
                + "5985 for HTTP, or a custom listener port")
            .With("default", CaptureSettings.DefaultPorts)
            .With("validation", "^ *[0-9]+( *, *[0-9]+)* *$")
            .With("group", CaptureGroup));
        output.WriteLine(Arg(ArgNumber.ServerHost, OptionNames.ServerHost, "Server host or address", "string")
            .With("tooltip", "Capture only traffic to and from this WinRM server; empty for every server")
            .With("placeholder", "winrm01.contoso.com or 192.0.2.10")
            .With("group", CaptureGroup));

        output.WriteLine(Arg(ArgNumber.Annotate, OptionNames.Annotate, "Annotate certificates", "boolean")
            .With("tooltip", "Add a packet comment naming each certificate: thumbprint, subject, "
                + "validity at that moment, and whether it changed")
            .With("default", true)
            .With("group", CertificatesGroup));
        output.WriteLine(Arg(ArgNumber.CertificateFolder, OptionNames.CertificateFolder,
                "Save certificates to folder", "string")
            .With("tooltip", "Each new certificate is saved here as THUMBPRINT.cer when it is seen; "
                + "empty to save nothing")
            .With("placeholder", "folder path")
            .With("group", CertificatesGroup));
        output.WriteLine(Arg(ArgNumber.ExpectedThumbprint, OptionNames.ExpectedThumbprint,
                "Expected thumbprint", "string")
            .With("tooltip", "The thumbprint the server should present (as the WinRM listener shows "
                + "it); a different one is flagged in the comment")
            .With("placeholder", "40 hex digits")
            .With("group", CertificatesGroup));
        output.WriteLine(Arg(ArgNumber.KeyLogFile, OptionNames.KeyLogFile, "TLS key log file", "fileselect")
            .With("tooltip", "NSS key log (SSLKEYLOGFILE) of the WinRM clients: reveals the certificates "
                + "TLS 1.3 encrypts; read again while clients append to it")
            .With("mustexist", false)
            .With("group", CertificatesGroup));

        output.WriteLine(Arg(ArgNumber.LogLevel, OptionNames.LogLevel, "Log level", "selector")
            .With("tooltip", "How much to write to the log file")
            .With("group", DebugGroup));
        foreach (var (name, display, _) in LogVerbosity.Choices)
        {
            output.WriteLine(Sentence.Value()
                .With("arg", (long)ArgNumber.LogLevel)
                .With("value", name)
                .With("display", display)
                .With("default", name == LogVerbosity.DefaultName));
        }
        output.WriteLine(Arg(ArgNumber.LogFile, OptionNames.LogFile, "Log file", "fileselect")
            .With("tooltip", "Where the extcap writes its log; empty for no log")
            .With("mustexist", false)
            .With("group", DebugGroup));
    }

    private static Sentence Arg(ArgNumber number, string call, string display, string type) =>
        Sentence.Arg()
            .With("number", (long)number)
            .With("call", call)
            .With("display", display)
            .With("type", type);

    private static void WriteDeviceValues(TextWriter output, IReadOnlyList<CaptureDeviceChoice> devices)
    {
        foreach (var device in devices)
        {
            var display = device.Description == device.Name
                ? device.Name
                : $"{device.Description} ({device.Name})";
            output.WriteLine(Sentence.Value()
                .With("arg", (long)ArgNumber.Device)
                .With("value", device.Name)
                .With("display", display)
                .With("default", device.IsDefault));
        }
    }

    /// <summary>Wireshark names the reloaded option by its call, with or without the dashes.</summary>
    private static bool IsCall(string name, string call) =>
        string.Equals(name.TrimStart('-'), call.TrimStart('-'), StringComparison.Ordinal);
}

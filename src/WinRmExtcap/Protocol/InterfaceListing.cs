using WinRmExtcap.Control;

namespace WinRmExtcap.Protocol;

/// <summary>
/// Answers <c>--extcap-interfaces</c>: the extcap sentence, the interface and the toolbar
/// controls. It runs at every Wireshark and tshark start, so it touches neither libpcap nor the
/// network.
/// </summary>
internal static class InterfaceListing
{
    public static void Write(TextWriter output)
    {
        output.WriteLine(Sentence.Extcap()
            .With("version", ExtcapInterface.Version)
            .With("display", ExtcapInterface.ToolbarTitle));
        output.WriteLine(Sentence.Interface()
            .With("value", ExtcapInterface.Name)
            .With("display", ExtcapInterface.Display));

        output.WriteLine(Sentence.Control()
            .With("number", (byte)ToolbarControl.CertificateCount)
            .With("type", "string")
            .With("display", "Certificates seen")
            .With("tooltip", "Distinct certificates seen since the capture started")
            .With("default", "0"));
        output.WriteLine(Sentence.Control()
            .With("number", (byte)ToolbarControl.SaveCertificates)
            .With("type", "button")
            .With("display", "Save certificates")
            .With("tooltip", "Save every certificate seen so far to the certificate folder as THUMBPRINT.cer"));
        output.WriteLine(Sentence.Control()
            .With("number", (byte)ToolbarControl.CertificateLog)
            .With("type", "button")
            .With("role", "logger")
            .With("display", "Certificate log")
            .With("tooltip", "One line per new certificate"));
    }
}

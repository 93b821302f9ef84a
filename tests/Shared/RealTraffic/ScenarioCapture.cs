namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A capture made by <see cref="CaptureScenarios"/>, with the certificates it carries. Disposing
/// deletes the capture, the key log and the certificates' files.
/// </summary>
public sealed class ScenarioCapture : IDisposable
{
    private readonly TemporaryFolder folder;
    private readonly TestCertificates certificates;

    internal ScenarioCapture(
        TlsScenario scenario,
        string capturePath,
        TemporaryFolder folder,
        TestCertificates certificates,
        IReadOnlyList<IReadOnlyList<TestCertificate>> certificateMessages)
    {
        Scenario = scenario;
        CapturePath = capturePath;
        this.folder = folder;
        this.certificates = certificates;
        CertificateMessages = certificateMessages;
    }

    /// <summary>The scenario recorded.</summary>
    public TlsScenario Scenario { get; }

    /// <summary>The capture file: pcap from tcpdump, pcapng from dumpcap.</summary>
    public string CapturePath { get; }

    /// <summary>The server's TCP port in the capture.</summary>
    public int ServerPort { get; init; } = CaptureScenarios.WinRmHttpsPort;

    /// <summary>
    /// The certificates of every complete TLS Certificate message on the wire, in capture order, one
    /// list per message (leaf first). TLS 1.3 messages are included; they are readable only with
    /// <see cref="KeyLogPath"/>. Empty when the capture cannot yield a whole certificate.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TestCertificate>> CertificateMessages { get; }

    /// <summary>The distinct certificates presented by the server, in the order first presented.</summary>
    public IReadOnlyList<TestCertificate> ServerCertificates { get; init; } = [];

    /// <summary>The client certificate sent, or null.</summary>
    public TestCertificate? ClientCertificate { get; init; }

    /// <summary>The NSS key log written by the TLS 1.3 client, or null.</summary>
    public string? KeyLogPath { get; init; }

    /// <summary>True when the certificates travel encrypted (TLS 1.3) and need <see cref="KeyLogPath"/>.</summary>
    public bool CertificatesEncrypted { get; init; }

    /// <summary>
    /// True when VLAN tags were inserted by <see cref="PcapRewriter"/> because the kernel has no
    /// 802.1Q support; the rest of each frame is as captured.
    /// </summary>
    public bool VlanTagsRewritten { get; init; }

    /// <summary>What each s_client connection reported, in order; empty for rewritten captures.</summary>
    public IReadOnlyList<OpensslClientResult> Connections { get; init; } = [];

    /// <summary>Deletes the files.</summary>
    public void Dispose()
    {
        certificates.Dispose();
        folder.Dispose();
    }
}

using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.RealTraffic;

/// <summary>
/// Records every <see cref="CaptureScenarios"/> scenario with real peers and a real capture, and
/// checks the capture with tshark as the oracle: the certificate bytes it reassembles must be the
/// scenario's certificates, and the link layer, addresses and handshake shape must be as promised.
/// </summary>
[Collection(RealTrafficCollection.Name)]
public sealed class CaptureScenariosTests
{
    private const int PcapngSectionHeaderMagic = 0x0A0D0D0A;
    private const uint LinuxCookedV2LinkType = 276;
    private const string UnknownCaAlert = "48";
    private const string ClientHelloType = "1";
    private const string ServerHelloType = "2";

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Renewal_WithDumpcap_TsharkSeesCertificateAThenRenewedB()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Renewal, CaptureTool.Dumpcap);

        AssertCertificateMessages(capture);
        Assert.Equal(PcapngSectionHeaderMagic, BitConverter.ToInt32(File.ReadAllBytes(capture.CapturePath), 0));
        Assert.Equal(capture.ServerCertificates[0].Subject, capture.ServerCertificates[1].Subject);
        Assert.NotEqual(capture.ServerCertificates[0].Thumbprint, capture.ServerCertificates[1].Thumbprint);
        Assert.True(
            capture.ServerCertificates[1].Certificate.NotAfter > capture.ServerCertificates[0].Certificate.NotAfter);
        Assert.All(capture.Connections, connection => Assert.True(connection.HandshakeCompleted));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Rollback_SslStreamServer_TsharkSeesAThenBThenA()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Rollback);

        AssertCertificateMessages(capture);
        Assert.Equal(6, capture.CertificateMessages.Count);
        Assert.Same(capture.CertificateMessages[0][0], capture.CertificateMessages[^1][0]);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task LongChainSmallMtu_ChainSpansManySegments()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.LongChainSmallMtu);

        AssertCertificateMessages(capture);
        Assert.Equal(3, capture.CertificateMessages[0].Count);
        int segments = int.Parse(Tshark.Fields(capture.CapturePath, "tls.handshake.certificate",
            ["tcp.segment.count"]).Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(segments >= 5, $"the chain spans {segments} segments");
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Ipv6_CertificateTravelsOverIpv6Loopback()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Ipv6);

        AssertCertificateMessages(capture);
        Assert.Equal(["::1"], Tshark.Fields(capture.CapturePath, "tls.handshake.certificate", ["ipv6.src"]));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Vlan_EveryFrameCarriesTheVlanTag()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Vlan);

        AssertCertificateMessages(capture);
        IReadOnlyList<string> vlanIds = Tshark.Fields(capture.CapturePath, "frame", ["vlan.id"]);
        Assert.NotEmpty(vlanIds);
        Assert.All(vlanIds, id => Assert.Equal("42", id));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task LinuxCookedV2_FileHasSll2LinkTypeAndNanosecondTimestamps()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.LinuxCookedV2);

        AssertCertificateMessages(capture);
        PcapRewriter file = PcapRewriter.Read(capture.CapturePath);
        Assert.Equal(LinuxCookedV2LinkType, file.LinkType);
        Assert.True(file.HasNanosecondTimestamps);
        Assert.NotEmpty(Tshark.Fields(capture.CapturePath, "sll.ifindex", ["sll.ifindex"]));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Tls13_CertificateHiddenWithoutKeysAndVisibleWithKeyLog()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Tls13);

        Assert.True(capture.CertificatesEncrypted);
        Assert.Empty(Tshark.CertificateMessages(capture.CapturePath));
        AssertCertificateMessages(capture, ["-o", "tls.keylog_file:" + capture.KeyLogPath]);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task HelloRetryRequest_ClientSendsTwoClientHellos()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.HelloRetryRequest);

        IReadOnlyList<string> types = Tshark.Fields(capture.CapturePath, "tls.handshake.type", ["tls.handshake.type"]);
        Assert.Equal(2, types.Count(type => type.Split(',').Contains(ClientHelloType)));
        AssertCertificateMessages(capture, ["-o", "tls.keylog_file:" + capture.KeyLogPath]);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Resumption_SecondHandshakeHasNoCertificate()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.Resumption);

        AssertCertificateMessages(capture);
        Assert.True(capture.Connections[1].SessionReused);
        IReadOnlyList<string> types = Tshark.Fields(capture.CapturePath, "tls.handshake.type", ["tls.handshake.type"]);
        Assert.Equal(2, types.Count(type => type.Split(',').Contains(ServerHelloType)));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task ClientCertificate_BothCertificatesOnTheWire()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.ClientCertificate);

        AssertCertificateMessages(capture);
        Assert.NotNull(capture.ClientCertificate);
        Assert.Equal([capture.ClientCertificate.DerHex], capture.CertificateMessages[1].Select(c => c.DerHex));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task HandshakeFailure_ClientAbortsWithUnknownCaAlert()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.HandshakeFailure);

        AssertCertificateMessages(capture);
        Assert.False(capture.Connections.Single().HandshakeCompleted);
        Assert.Equal([UnknownCaAlert], Tshark.Fields(capture.CapturePath,
            $"tls.alert_message && tcp.dstport == {CaptureScenarios.WinRmHttpsPort}", ["tls.alert_message.desc"]));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task SnapLength_CutsTheCertificatePacket()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.SnapLengthCutsCertificate);

        Assert.Empty(Tshark.CertificateMessages(capture.CapturePath));
        Assert.NotEmpty(Tshark.Fields(capture.CapturePath, "frame.len > frame.cap_len", ["frame.number"]));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task OutOfOrderSegments_TsharkStillReassemblesTheChain()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.OutOfOrderSegments);

        AssertCertificateMessages(capture);
        List<long> serverSequenceNumbers = Tshark.Fields(capture.CapturePath,
                $"tcp.srcport == {CaptureScenarios.WinRmHttpsPort} && tcp.len > 0", ["tcp.seq"])
            .Select(line => long.Parse(line, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEqual(serverSequenceNumbers.Order(), serverSequenceNumbers);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task RetransmittedSegment_TsharkStillReassemblesTheChain()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.RetransmittedSegment);

        AssertCertificateMessages(capture);
        Assert.NotEmpty(Tshark.Fields(capture.CapturePath, "tcp.analysis.retransmission", ["frame.number"]));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task MissingSegment_NoCompleteCertificate()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.MissingSegment);

        Assert.Empty(capture.CertificateMessages);
        Assert.Empty(Tshark.CertificateMessages(capture.CapturePath));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task TruncatedFile_TsharkReportsTheCutRecord()
    {
        using ScenarioCapture capture = await RecordAsync(TlsScenario.TruncatedFile);

        ProcessRunner.Result result = Tshark.Run(capture.CapturePath, "tls.handshake.certificate",
            ["tls.handshake.certificate"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cut short", result.StandardError);
        Assert.Throws<InvalidDataException>(() => PcapRewriter.Read(capture.CapturePath));
    }

    private static Task<ScenarioCapture> RecordAsync(TlsScenario scenario, CaptureTool tool = CaptureTool.Tcpdump) =>
        CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = scenario, Tool = tool });

    private static void AssertCertificateMessages(ScenarioCapture capture, IEnumerable<string>? tsharkArguments = null)
    {
        IEnumerable<IEnumerable<string>> expected = capture.CertificateMessages
            .Select(message => message.Select(certificate => certificate.DerHex));

        IReadOnlyList<IReadOnlyList<string>> actual = Tshark.CertificateMessages(capture.CapturePath, tsharkArguments);

        Assert.Equal(expected, actual);
    }
}

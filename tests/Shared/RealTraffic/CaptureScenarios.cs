using System.Globalization;
using System.Net;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// Records whole captures of real TLS traffic in one call. Each scenario runs in its own network
/// namespace (except <see cref="TlsScenario.Rollback"/>, whose .NET server listens on the host's
/// loopback on a free port), so captures hold only the scenario's own packets.
/// </summary>
public static class CaptureScenarios
{
    /// <summary>The IANA port for WS-Management over HTTPS.</summary>
    public const int WinRmHttpsPort = 5986;

    private const string Loopback = "127.0.0.1";
    private const string Ipv6Loopback = "::1";
    private const int SmallMtu = 600;
    private const int CertificateCuttingSnapLength = 200;
    private const int LongChainIntermediates = 2;
    private const int ExtraDnsNamesInLongLeaf = 20;

    /// <summary>Records <paramref name="options"/>' scenario and returns the capture with its certificates.</summary>
    /// <exception cref="InvalidOperationException">
    /// A program failed to start or a namespace could not be made; everything made so far is removed.
    /// </exception>
    public static async Task<ScenarioCapture> TlsSessionsAsync(ScenarioOptions options)
    {
        var folder = new TemporaryFolder("winrm-scenario");
        var certificates = new TestCertificates();
        try
        {
            return options.Scenario switch
            {
                TlsScenario.Renewal => await RenewalAsync(options, folder, certificates),
                TlsScenario.Rollback => await RollbackAsync(options, folder, certificates),
                TlsScenario.OutOfOrderSegments or TlsScenario.RetransmittedSegment
                    or TlsScenario.MissingSegment or TlsScenario.TruncatedFile =>
                    await RewrittenAsync(options, folder, certificates),
                _ => await SingleServerAsync(options, folder, certificates),
            };
        }
        catch
        {
            certificates.Dispose();
            folder.Dispose();
            throw;
        }
    }

    private static async Task<ScenarioCapture> RenewalAsync(
        ScenarioOptions options, TemporaryFolder folder, TestCertificates certificates)
    {
        TestCertificate issuer = IssuingAuthority(certificates);
        TestCertificate original = certificates.Create(
            ValidServer(options, TimeSpan.FromDays(-300), TimeSpan.FromDays(65)), issuer);
        TestCertificate renewed = certificates.Create(
            ValidServer(options, TimeSpan.FromDays(-14), TimeSpan.FromDays(351)), issuer);

        using NetworkNamespace space = NetworkNamespace.Create();
        string capturePath = folder.PathOf(CaptureFileName(options.Tool));
        var results = new List<OpensslClientResult>();
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = capturePath, Tool = options.Tool, Namespace = space }))
        {
            foreach (TestCertificate presented in new[] { original, renewed })
            {
                await using OpensslServer server = await OpensslServer.StartAsync(
                    new OpensslServerOptions { Certificate = presented, Namespace = space });
                results.AddRange(await ConnectManyAsync(options, Tls12Client(options, space)));
                await server.StopAsync();
            }
            await capture.StopAsync();
        }

        return new ScenarioCapture(options.Scenario, capturePath, folder, certificates,
            Repeat(original.SentChain, options.ConnectionsPerCertificate)
                .Concat(Repeat(renewed.SentChain, options.ConnectionsPerCertificate)).ToList())
        {
            ServerCertificates = [original, renewed],
            Connections = results,
        };
    }

    private static async Task<ScenarioCapture> RollbackAsync(
        ScenarioOptions options, TemporaryFolder folder, TestCertificates certificates)
    {
        TestCertificate issuer = IssuingAuthority(certificates);
        TestCertificate original = certificates.Create(
            ValidServer(options, TimeSpan.FromDays(-300), TimeSpan.FromDays(65)), issuer);
        TestCertificate renewed = certificates.Create(
            ValidServer(options, TimeSpan.FromDays(-14), TimeSpan.FromDays(351)), issuer);
        TestCertificate[] presentedOrder = [original, renewed, original];

        await using SslStreamServer server = SslStreamServer.Start(original, IPAddress.Loopback);
        int port = server.LocalEndPoint.Port;
        string capturePath = folder.PathOf(CaptureFileName(options.Tool));
        var results = new List<OpensslClientResult>();
        var messages = new List<IReadOnlyList<TestCertificate>>();
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync(new CaptureOptions
        {
            OutputPath = capturePath,
            Tool = options.Tool,
            Filter = "tcp port " + port.ToString(CultureInfo.InvariantCulture),
        }))
        {
            foreach (TestCertificate presented in presentedOrder)
            {
                server.PresentedCertificate = presented;
                results.AddRange(await ConnectManyAsync(options, Tls12Client(options, space: null) with
                {
                    Port = port,
                }));
                messages.AddRange(Repeat(presented.SentChain, options.ConnectionsPerCertificate));
            }
            await capture.StopAsync();
        }

        return new ScenarioCapture(options.Scenario, capturePath, folder, certificates, messages)
        {
            ServerPort = port,
            ServerCertificates = [original, renewed],
            Connections = results,
        };
    }

    private static async Task<ScenarioCapture> SingleServerAsync(
        ScenarioOptions options, TemporaryFolder folder, TestCertificates certificates)
    {
        TlsScenario scenario = options.Scenario;
        bool vlan = scenario == TlsScenario.Vlan;
        using NetworkNamespace space = NetworkNamespace.Create(new NetworkNamespaceOptions
        {
            Mtu = scenario == TlsScenario.LongChainSmallMtu ? SmallMtu : null,
            WithVethLink = vlan,
            VlanId = vlan ? options.VlanId : null,
        });

        TestCertificate server = scenario == TlsScenario.LongChainSmallMtu
            ? certificates.CreateChain(LongLeaf(options), LongChainIntermediates)
            : certificates.Create(ValidServer(options, TimeSpan.FromDays(-30), TimeSpan.FromDays(335)),
                IssuingAuthority(certificates));
        TestCertificate? client = scenario == TlsScenario.ClientCertificate
            ? certificates.Create(CertificateSpec.Client("winrm-operator"), server.Root)
            : null;
        bool tls13 = scenario is TlsScenario.Tls13 or TlsScenario.HelloRetryRequest;
        string? keyLogPath = tls13 ? folder.PathOf("keylog.txt") : null;

        string serverAddress = scenario switch
        {
            TlsScenario.Ipv6 => Ipv6Loopback,
            TlsScenario.Vlan => space.Address!.ToString(), // The link always has an address.
            _ => Loopback,
        };
        bool rewriteVlan = vlan && !space.HasVlanSubInterface;
        CaptureTool tool = rewriteVlan ? CaptureTool.Tcpdump : options.Tool;
        string capturePath = folder.PathOf(CaptureFileName(tool));
        var captureOptions = new CaptureOptions
        {
            OutputPath = capturePath,
            Tool = tool,
            Namespace = space,
            Interface = scenario switch
            {
                TlsScenario.Vlan => NetworkNamespace.LinkInterface,
                TlsScenario.LinuxCookedV2 => "any",
                _ => "lo",
            },
            Filter = vlan && space.HasVlanSubInterface
                ? $"tcp port {WinRmHttpsPort} or (vlan and tcp port {WinRmHttpsPort})"
                : $"tcp port {WinRmHttpsPort}",
            LinuxCookedV2 = scenario == TlsScenario.LinuxCookedV2,
            SnapLength = scenario == TlsScenario.SnapLengthCutsCertificate ? CertificateCuttingSnapLength : null,
        };
        var serverOptions = new OpensslServerOptions
        {
            Certificate = server,
            Address = serverAddress,
            Namespace = space,
            RequiredClientAuthorityPath = client is null ? null : certificates.WriteBundle("clients.pem", server.Root),
            ExtraArguments = scenario == TlsScenario.HelloRetryRequest ? ["-groups", "P-256"] : [],
        };
        OpensslClientOptions clientOptions = Tls12Client(options, vlan ? space.Peer : space) with
        {
            Address = serverAddress,
            ClientCertificate = client,
            KeyLogPath = keyLogPath,
            ExtraArguments = scenario switch
            {
                TlsScenario.Tls13 => ["-tls1_3"],
                TlsScenario.HelloRetryRequest => ["-tls1_3", "-groups", "X25519:P-256"],
                _ => ["-tls1_2"],
            },
            VerifyReturnError = scenario == TlsScenario.HandshakeFailure,
            TrustedAuthorityPath = scenario == TlsScenario.HandshakeFailure
                ? certificates.WriteBundle("other-root.pem",
                    certificates.Create(CertificateSpec.Authority("CN=Fabrikam Root CA,O=Fabrikam")))
                : null,
        };

        var results = new List<OpensslClientResult>();
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync(captureOptions))
        {
            await using OpensslServer opensslServer = await OpensslServer.StartAsync(serverOptions);
            if (scenario == TlsScenario.Resumption)
            {
                string session = folder.PathOf("session.pem");
                results.Add(await OpensslClient.ConnectAsync(clientOptions with { SessionOutPath = session }));
                results.Add(await OpensslClient.ConnectAsync(clientOptions with { SessionInPath = session }));
            }
            else
            {
                results.Add(await OpensslClient.ConnectAsync(clientOptions));
            }
            await opensslServer.StopAsync();
            await capture.StopAsync();
        }
        if (rewriteVlan)
        {
            PcapRewriter.Read(capturePath).InsertVlanTag(options.VlanId).Write(capturePath);
        }

        var messages = new List<IReadOnlyList<TestCertificate>>();
        if (scenario != TlsScenario.SnapLengthCutsCertificate)
        {
            messages.Add(server.SentChain);
        }
        if (client is not null)
        {
            messages.Add(client.SentChain);
        }
        return new ScenarioCapture(scenario, capturePath, folder, certificates, messages)
        {
            ServerCertificates = [server],
            ClientCertificate = client,
            KeyLogPath = keyLogPath,
            CertificatesEncrypted = tls13,
            VlanTagsRewritten = rewriteVlan,
            Connections = results,
        };
    }

    private static async Task<ScenarioCapture> RewrittenAsync(
        ScenarioOptions options, TemporaryFolder folder, TestCertificates certificates)
    {
        // The source capture hands its folder and certificates over to the rewritten one.
        ScenarioCapture source = await SingleServerAsync(
            options with { Scenario = TlsScenario.LongChainSmallMtu, Tool = CaptureTool.Tcpdump },
            folder,
            certificates);
        IReadOnlyList<TestCertificate> chain = source.CertificateMessages[0];

        // 0-based record indexes of the server's data segments; the first few carry the Certificate.
        int[] serverData = Tshark.FrameNumbers(source.CapturePath,
            $"tcp.srcport == {WinRmHttpsPort} && tcp.len > 0").Select(frame => frame - 1).ToArray();
        PcapRewriter rewriter = PcapRewriter.Read(source.CapturePath);
        string capturePath = folder.PathOf("rewritten.pcap");
        bool certificateSurvives = true;
        switch (options.Scenario)
        {
            case TlsScenario.OutOfOrderSegments:
                rewriter.Swap(serverData[1], serverData[2]).Write(capturePath);
                break;
            case TlsScenario.RetransmittedSegment:
                rewriter.Duplicate(serverData[1]).Write(capturePath);
                break;
            case TlsScenario.MissingSegment:
                rewriter.Drop(serverData[1]).Write(capturePath);
                certificateSurvives = false;
                break;
            default:
                for (int index = rewriter.Records.Count - 1; index > serverData[2]; index--)
                {
                    rewriter.Drop(index);
                }
                rewriter.WriteTruncated(capturePath, rewriter.Records[^1].Data.Length / 2);
                certificateSurvives = false;
                break;
        }

        return new ScenarioCapture(options.Scenario, capturePath, folder, certificates,
            certificateSurvives ? [chain] : [])
        {
            ServerCertificates = source.ServerCertificates,
        };
    }

    private static async Task<List<OpensslClientResult>> ConnectManyAsync(
        ScenarioOptions options, OpensslClientOptions client)
    {
        var results = new List<OpensslClientResult>();
        for (int connection = 0; connection < options.ConnectionsPerCertificate; connection++)
        {
            results.Add(await OpensslClient.ConnectAsync(client));
        }
        return results;
    }

    private static OpensslClientOptions Tls12Client(ScenarioOptions options, NetworkNamespace? space) => new()
    {
        ServerName = options.ServerName,
        Namespace = space,
        ExtraArguments = ["-tls1_2"],
    };

    private static TestCertificate IssuingAuthority(TestCertificates certificates)
    {
        TestCertificate root = certificates.Create(CertificateSpec.Authority("CN=Contoso Test Root CA,O=Contoso"));
        return certificates.Create(CertificateSpec.Authority("CN=Contoso Test Issuing CA,O=Contoso"), root);
    }

    private static CertificateSpec ValidServer(ScenarioOptions options, TimeSpan notBefore, TimeSpan notAfter)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return CertificateSpec.Server(options.ServerName) with
        {
            NotBefore = now + notBefore,
            NotAfter = now + notAfter,
        };
    }

    private static CertificateSpec LongLeaf(ScenarioOptions options) => CertificateSpec.Server(options.ServerName) with
    {
        DnsNames = Enumerable.Range(1, ExtraDnsNamesInLongLeaf)
            .Select(n => $"winrm{n:D2}.contoso.test")
            .Prepend(options.ServerName)
            .ToList(),
        IpAddresses = [IPAddress.Loopback],
    };

    private static string CaptureFileName(CaptureTool tool) =>
        tool == CaptureTool.Tcpdump ? "capture.pcap" : "capture.pcapng";

    private static IEnumerable<IReadOnlyList<TestCertificate>> Repeat(
        IReadOnlyList<TestCertificate> chain, int count) => Enumerable.Repeat(chain, count);
}

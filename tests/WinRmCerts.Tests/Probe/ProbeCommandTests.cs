using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WinRmExtcap.TestSupport.RealTraffic;
using ScratchFolder = WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder;

namespace WinRmCerts.Tests.Probe;

/// <summary>
/// <c>winrm-certs probe</c> against real TLS servers on loopback (.NET <c>SslStream</c>
/// servers from the shared real-traffic support): a renewal seen by --watch, an expired
/// certificate, a name mismatch, an unreachable port, a listener that never answers, TLS 1.2
/// capping, chain trust with and without --ca, and --hosts with several endpoints.
/// </summary>
public sealed class ProbeCommandTests : IDisposable
{
    private const string ServerName = "winrm01.contoso.test";
    private const int OkExit = 0;
    private const int InputErrorExit = 1;
    private const int WarningExit = 1;
    private const int CriticalExit = 2;
    private const int UnknownExit = 3;

    /// <summary>Slack for a loaded test machine on top of the --timeout a probe must respect.</summary>
    private static readonly TimeSpan TimeoutSlack = TimeSpan.FromSeconds(3);

    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task Watch_ServerChangesCertificate_LogsChangeWithBothThumbprintsAndWarnCrossing()
    {
        var original = Leaf(daysLeft: 200);
        var renewed = certificates.Create(Spec(ServerName, daysLeft: 10), original.Issuer);
        await using var server = SslStreamServer.Start(original, IPAddress.Loopback);
        var bundle = certificates.WriteBundle("root.pem", original.Root);

        var probe = ProbeCli.RunAsync("probe", $"127.0.0.1:{server.LocalEndPoint.Port}", "--watch", "400ms",
            "--count", "3", "--warn-days", "30", "--ca", bundle, "--timeout", "5s");
        await SwitchAfterFirstHandshakeAsync(server, renewed);
        var result = await probe;

        Assert.Equal(OkExit, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(3, lines.Count);
        Assert.Contains($"first-seen: thumbprint={original.Thumbprint}", lines[0], StringComparison.Ordinal);
        Assert.Contains($"certificate changed: old={original.Thumbprint} new={renewed.Thumbprint}", lines[1],
            StringComparison.Ordinal);
        Assert.Contains($"warn-threshold-crossed: thumbprint={renewed.Thumbprint}", lines[2],
            StringComparison.Ordinal);
        Assert.Equal(3, server.CompletedHandshakes);
    }

    [Fact]
    public async Task Watch_Json_EventCarriesPreviousAndNewThumbprint()
    {
        var original = Leaf(daysLeft: 200);
        var renewed = certificates.Create(Spec(ServerName, daysLeft: 300), original.Issuer);
        await using var server = SslStreamServer.Start(original, IPAddress.Loopback);

        var probe = ProbeCli.RunAsync("probe", $"127.0.0.1:{server.LocalEndPoint.Port}", "--watch", "400ms",
            "--count", "2", "--json");
        await SwitchAfterFirstHandshakeAsync(server, renewed);
        var result = await probe;

        Assert.Equal(OkExit, result.ExitCode);
        Assert.Equal(2, result.StdoutLines.Count);
        using var change = JsonDocument.Parse(result.StdoutLines[1]);
        var root = change.RootElement;
        Assert.Equal("certificate-changed", root.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(renewed.Thumbprint,
            root.GetProperty("tls").GetProperty("server").GetProperty("hash").GetProperty("sha1").GetString());
        Assert.Equal(original.Thumbprint, root.GetProperty("winrm_certs").GetProperty("previous_sha1").GetString());
    }

    [Fact]
    public async Task Probe_ExpiredCertificate_TableSaysExpiredAndCheckIsCritical()
    {
        var expired = certificates.CreateChain(Spec(ServerName, daysLeft: -3));
        await using var server = SslStreamServer.Start(expired, IPAddress.Loopback);
        var target = $"127.0.0.1:{server.LocalEndPoint.Port}";

        var table = await ProbeCli.RunAsync("probe", target);
        var check = await ProbeCli.RunAsync("probe", target, "--check");

        Assert.Equal(OkExit, table.ExitCode);
        Assert.Contains(expired.Thumbprint, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("expired (3 d ago)", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(CriticalExit, check.ExitCode);
        var line = Assert.Single(check.StdoutLines);
        Assert.StartsWith($"WINRM-CERT CRITICAL - {target}: expired 3 days ago", line, StringComparison.Ordinal);
        Assert.Contains($"thumbprint {expired.Thumbprint}", line, StringComparison.Ordinal);
        Assert.Contains("days_left'=-3;30;0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_NameMismatch_SniNameComparedWithCertificate()
    {
        var forOtherHost = certificates.CreateChain(Spec(ServerName, daysLeft: 200));
        var forLocalhost = certificates.Create(Spec("localhost", daysLeft: 200), forOtherHost.Issuer);
        await using var wrong = SslStreamServer.Start(forOtherHost, IPAddress.Loopback);
        await using var right = SslStreamServer.Start(forLocalhost, IPAddress.Loopback);
        var bundle = certificates.WriteBundle("root.pem", forOtherHost.Root);

        var mismatch = await ProbeCli.RunAsync("probe", $"localhost:{wrong.LocalEndPoint.Port}", "--check",
            "--ca", bundle);
        var match = await ProbeCli.RunAsync("probe", $"localhost:{right.LocalEndPoint.Port}", "--check",
            "--ca", bundle);

        Assert.Equal(CriticalExit, mismatch.ExitCode);
        Assert.Contains("name mismatch for localhost", mismatch.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("untrusted", mismatch.Stdout, StringComparison.Ordinal);
        Assert.Equal(OkExit, match.ExitCode);
        Assert.StartsWith("WINRM-CERT OK - localhost:", match.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ByAddressWithSni_MatchesTheNameGivenNotTheAddress()
    {
        var leaf = certificates.CreateChain(Spec(ServerName, daysLeft: 200));
        await using var server = SslStreamServer.Start(leaf, IPAddress.Loopback);
        var bundle = certificates.WriteBundle("sni-root.pem", leaf.Root);
        var target = $"127.0.0.1:{server.LocalEndPoint.Port}";

        var byAddress = await ProbeCli.RunAsync("probe", target, "--check", "--ca", bundle);
        var withSni = await ProbeCli.RunAsync("probe", target, "--sni", ServerName, "--check", "--ca", bundle);

        Assert.Equal(CriticalExit, byAddress.ExitCode);
        Assert.Contains("name mismatch for 127.0.0.1", byAddress.Stdout, StringComparison.Ordinal);
        Assert.Equal(OkExit, withSni.ExitCode);
        Assert.StartsWith("WINRM-CERT OK - 127.0.0.1:", withSni.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ClosedPort_OneStderrLineNamingHostAndReasonWithinTimeout()
    {
        var port = FreePort();
        var clock = Stopwatch.StartNew();

        var plain = await ProbeCli.RunAsync("probe", $"127.0.0.1:{port}", "--timeout", "2s");
        var check = await ProbeCli.RunAsync("probe", $"127.0.0.1:{port}", "--timeout", "2s", "--check");

        Assert.True(clock.Elapsed < (2 * TimeSpan.FromSeconds(2)) + TimeoutSlack, $"took {clock.Elapsed}");
        Assert.Equal(InputErrorExit, plain.ExitCode);
        Assert.Equal($"winrm-certs: 127.0.0.1:{port}: connection refused" + Environment.NewLine, plain.Stderr);
        Assert.Equal(string.Empty, plain.Stdout);
        Assert.Equal(CriticalExit, check.ExitCode);
        Assert.Equal($"WINRM-CERT CRITICAL - 127.0.0.1:{port}: connection refused",
            Assert.Single(check.StdoutLines));
    }

    [Fact]
    public async Task Probe_ListenerThatNeverAnswers_TimesOutWithoutHanging()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var result = await ProbeCli.RunAsync("probe", $"127.0.0.1:{port}", "--timeout", "1s");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + TimeoutSlack, $"took {clock.Elapsed}");
        Assert.Equal(InputErrorExit, result.ExitCode);
        Assert.Equal($"winrm-certs: 127.0.0.1:{port}: no TLS handshake within 1 s" + Environment.NewLine,
            result.Stderr);
    }

    [Fact]
    public async Task Probe_Json_ReportsChainVersionCipherAndTrust()
    {
        var leaf = certificates.CreateChain(Spec(ServerName, daysLeft: 200));
        await using var server = SslStreamServer.Start(leaf, IPAddress.Loopback);
        var target = $"127.0.0.1:{server.LocalEndPoint.Port}";
        var bundle = certificates.WriteBundle("root.pem", leaf.Root);

        var tls12 = await ProbeCli.RunAsync("probe", target, "--json", "--tls12", "--ca", bundle);
        var system = await ProbeCli.RunAsync("probe", target, "--json");

        Assert.Equal(OkExit, tls12.ExitCode);
        using var capped = JsonDocument.Parse(tls12.Stdout);
        var probe = capped.RootElement.GetProperty("probes")[0];
        var tls = probe.GetProperty("tls");
        Assert.Equal("1.2", tls.GetProperty("version").GetString());
        Assert.StartsWith("TLS_ECDHE_", tls.GetProperty("cipher").GetString(), StringComparison.Ordinal);
        Assert.Equal(leaf.Thumbprint, tls.GetProperty("server").GetProperty("hash").GetProperty("sha1").GetString());
        Assert.Equal(leaf.Subject, tls.GetProperty("server").GetProperty("x509").GetProperty("subject")
            .GetProperty("distinguished_name").GetString());
        var chain = probe.GetProperty("winrm_certs").GetProperty("chain");
        Assert.Equal(leaf.SentChain.Select(c => c.Thumbprint),
            chain.EnumerateArray().Select(c => c.GetProperty("hash").GetProperty("sha1").GetString()));
        var trust = probe.GetProperty("winrm_certs").GetProperty("trust");
        Assert.True(trust.GetProperty("trusted").GetBoolean());
        Assert.Equal(bundle, trust.GetProperty("anchor").GetString());
        Assert.False(probe.GetProperty("winrm_certs").GetProperty("name_matches").GetBoolean());

        using var uncapped = JsonDocument.Parse(system.Stdout);
        var systemProbe = uncapped.RootElement.GetProperty("probes")[0];
        Assert.Equal("1.3", systemProbe.GetProperty("tls").GetProperty("version").GetString());
        var systemTrust = systemProbe.GetProperty("winrm_certs").GetProperty("trust");
        Assert.False(systemTrust.GetProperty("trusted").GetBoolean());
        Assert.Equal("system", systemTrust.GetProperty("anchor").GetString());
        Assert.NotEmpty(systemTrust.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Probe_Ipv6Literal_ConnectsToIpv6Loopback()
    {
        var leaf = certificates.CreateChain(
            Spec(ServerName, daysLeft: 200) with { IpAddresses = [IPAddress.IPv6Loopback] });
        await using var server = SslStreamServer.Start(leaf, IPAddress.IPv6Loopback);
        var target = $"[::1]:{server.LocalEndPoint.Port}";

        var result = await ProbeCli.RunAsync("probe", target);

        Assert.Equal(OkExit, result.ExitCode);
        Assert.StartsWith("TARGET", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.StartsWith(target, result.StdoutLines[1], StringComparison.Ordinal);
        Assert.Contains(" match ", result.StdoutLines[1], StringComparison.Ordinal);
        Assert.Contains(leaf.Thumbprint, result.StdoutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_HostsFile_ProbesEveryEndpointAndCheckTakesTheWorst()
    {
        var soon = certificates.CreateChain(
            Spec(ServerName, daysLeft: 10) with { IpAddresses = [IPAddress.Loopback] });
        var expired = certificates.Create(Spec(ServerName, daysLeft: -1), soon.Issuer);
        await using var warning = SslStreamServer.Start(soon, IPAddress.Loopback);
        await using var critical = SslStreamServer.Start(expired, IPAddress.Loopback);
        var bundle = certificates.WriteBundle("root.pem", soon.Root);
        using var folder = new ScratchFolder("winrm-certs-tests");
        var hosts = Path.Combine(folder.FullPath, "hosts.txt");
        var closed = FreePort();
        File.WriteAllLines(hosts,
        [
            "# WinRM listeners",
            $"127.0.0.1:{warning.LocalEndPoint.Port}   expiring soon",
            string.Empty,
            $"127.0.0.1:{critical.LocalEndPoint.Port}",
            $"127.0.0.1:{closed}",
        ]);

        var onlyWarning = await ProbeCli.RunAsync("probe", "--hosts", hosts, "--check", "--ca", bundle,
            "--parallel", "2", "--timeout", "5s");
        var all = await ProbeCli.RunAsync("probe", $"127.0.0.1:{warning.LocalEndPoint.Port}", "--check",
            "--ca", bundle);
        var json = await ProbeCli.RunAsync("probe", "--hosts", hosts, "--json", "--ca", bundle);

        Assert.Equal(CriticalExit, onlyWarning.ExitCode);
        var line = Assert.Single(onlyWarning.StdoutLines);
        Assert.StartsWith("WINRM-CERT CRITICAL - ", line, StringComparison.Ordinal);
        Assert.Contains("expires in 10 days (under 30)", line, StringComparison.Ordinal);
        Assert.Contains("expired 1 days ago", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closed}: connection refused", line, StringComparison.Ordinal);
        Assert.Equal(WarningExit, all.ExitCode);
        Assert.StartsWith("WINRM-CERT WARNING - ", all.Stdout, StringComparison.Ordinal);
        Assert.Equal(InputErrorExit, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var ports = document.RootElement.GetProperty("probes").EnumerateArray()
            .Select(p => p.GetProperty("server").GetProperty("port").GetInt32());
        Assert.Equal([warning.LocalEndPoint.Port, critical.LocalEndPoint.Port, closed], ports);
    }

    [Fact]
    public async Task Probe_BadArguments_UsageErrorOrUnknownUnderCheck()
    {
        var noTarget = await ProbeCli.RunAsync("probe");
        var badTarget = await ProbeCli.RunAsync("probe", "[::1", "--check");
        var missingCa = await ProbeCli.RunAsync("probe", "127.0.0.1", "--ca", "/nonexistent/ca.pem");

        Assert.Equal(InputErrorExit, noTarget.ExitCode);
        Assert.Equal("winrm-certs: name at least one HOST[:PORT], or a --hosts file" + Environment.NewLine,
            noTarget.Stderr);
        Assert.Equal(UnknownExit, badTarget.ExitCode);
        Assert.StartsWith("WINRM-CERT UNKNOWN - [::1: missing ']'", badTarget.Stdout, StringComparison.Ordinal);
        Assert.Equal(InputErrorExit, missingCa.ExitCode);
        Assert.Contains("--ca /nonexistent/ca.pem: no such", missingCa.Stderr, StringComparison.Ordinal);
    }

    private static CertificateSpec Spec(string hostName, int daysLeft) => CertificateSpec.Server(hostName) with
    {
        NotBefore = DateTimeOffset.UtcNow.AddDays(-30),
        // An hour more, so whole days come out as daysLeft whatever the test's own duration.
        NotAfter = DateTimeOffset.UtcNow.AddDays(daysLeft).AddHours(daysLeft >= 0 ? 1 : -1),
    };

    private TestCertificate Leaf(int daysLeft) => certificates.CreateChain(Spec(ServerName, daysLeft));

    /// <summary>Waits for the server's first handshake, then has it present <paramref name="next"/>.</summary>
    private static async Task SwitchAfterFirstHandshakeAsync(SslStreamServer server, TestCertificate next)
    {
        var deadline = Stopwatch.StartNew();
        while (server.CompletedHandshakes == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the first probe completed no handshake");
            await Task.Delay(10);
        }
        server.PresentedCertificate = next;
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

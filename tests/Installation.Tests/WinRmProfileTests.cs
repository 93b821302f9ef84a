using System.Globalization;
using Installation.Tests.Support;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace Installation.Tests;

/// <summary>
/// The WinRM configuration profile (profiles/WinRM), copied into a temporary personal
/// configuration folder and loaded by the real tshark with -C WinRM.
/// </summary>
public sealed class WinRmProfileTests : IDisposable
{
    private const string SampleCapture = "zeek/testing/btest/Traces/tls/tls1.2.pcap";

    private readonly TemporaryFolder home = new("winrm-profile-home");

    public WinRmProfileTests()
    {
        string profile = Path.Combine(home.FullPath, ".config", "wireshark", "profiles", "WinRM");
        Directory.CreateDirectory(profile);
        foreach (string file in Directory.GetFiles(ProfileFilters.ProfileFolder))
        {
            File.Copy(file, Path.Combine(profile, Path.GetFileName(file)));
        }
    }

    public void Dispose() => home.Dispose();

    private static string Sample => Path.Combine(RepositoryPaths.Corpus, SampleCapture);

    [RequiresFact("tshark")]
    public void Load_WithPlugin_NoWarnings()
    {
        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath,
            "-C", "WinRM", "-X", "lua_script:" + IsolatedTshark.PluginPath, "-r", Sample);

        Assert.Equal("", IsolatedTshark.Warnings(result));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Certificate", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresFact("tshark")]
    public void Load_WithoutPlugin_NoWarnings()
    {
        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath, "-C", "WinRM", "-r", Sample);

        Assert.Equal("", IsolatedTshark.Warnings(result));
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresFact("tshark")]
    public void Columns_CertificatePacket_ShowsThumbprintAndStatus()
    {
        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath, "-C", "WinRM",
            "-X", "lua_script:" + IsolatedTshark.PluginPath, "-r", Sample, "-Y", "tls.handshake.type == 11");

        string line = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("[0-9A-F]{40} +(valid|expired|not yet valid)", line);
    }

    [RequiresFact("tshark")]
    public void Filters_EveryButtonColourRuleAndSavedFilter_Compiles()
    {
        var filters = ProfileFilters.Buttons()
            .Concat(ProfileFilters.ColourRules())
            .Concat(ProfileFilters.SavedFilters())
            .ToList();

        // One tshark run compiles them all; only when that fails is each one tried on its own, to
        // name the culprits.
        bool allCompile = Compiles(string.Join(" || ", filters.Select(filter => $"({filter.Filter})")));
        var failures = allCompile
            ? []
            : filters.Where(filter => !Compiles(filter.Filter))
                .Select(filter => $"{filter.Item1}: {filter.Filter}")
                .ToList();

        Assert.Empty(failures);
        Assert.True(allCompile);
        Assert.True(filters.Count >= 30, $"only {filters.Count} filters found");
    }

    [RequiresFact("tshark")]
    public void ColourRules_WiresharkDefaults_AllKeptAfterTheWinRmRules()
    {
        string defaults = Path.Combine(
            ProcessRunner.Run("tshark", ["-G", "folders"]).StandardOutput.Split('\n')
                .Single(line => line.StartsWith("Global configuration:", StringComparison.Ordinal))
                .Split('\t')[1].Trim(),
            "colorfilters");
        var expected = File.ReadAllLines(defaults).Where(line => line.StartsWith('@')).ToList();

        var actual = File.ReadAllLines(Path.Combine(ProfileFilters.ProfileFolder, "colorfilters"))
            .Where(line => line.StartsWith('@')).ToList();

        Assert.Equal(expected, actual.Skip(actual.Count - expected.Count));
        Assert.StartsWith("@WinRM certificate expired@", actual[0], StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "editcap", "tcpdump", "openssl", "root")]
    public async Task CaptureStartingInsideRecord_WinRmProfile_DissectsMoreAsTlsThanDefault()
    {
        using var folder = new TemporaryFolder("winrm-mid-record");
        string whole = await RecordBulkTransferAsync(folder.PathOf("bulk.pcap"));
        int packets = FrameCount(whole, []);

        // Over a 600-byte MTU every 8 kB record spans many segments, so most data segments start
        // inside a record. Keep the first cut after which the plain profile misses TLS that an
        // explicit Decode As (with the profile's out-of-order reassembly) finds.
        string? cut = null;
        foreach (int first in ClientDataSegments(whole).Skip(HandshakeSegments).Take(MaximumCuts))
        {
            string candidate = folder.PathOf($"cut-{first}.pcap");
            ProcessRunner.Result edit = ProcessRunner.Run("editcap",
                ["-r", whole, candidate, string.Create(CultureInfo.InvariantCulture, $"{first}-{packets}")]);
            Assert.True(edit.ExitCode == 0, edit.StandardError);
            if (TlsFrames(candidate, ExplicitTlsWithProfileReassembly) > TlsFrames(candidate))
            {
                cut = candidate;
                break;
            }
        }
        Assert.NotNull(cut);

        int withDefaults = TlsFrames(cut);
        int withProfile = TlsFrames(cut, "-C", "WinRM");

        Assert.True(withProfile > withDefaults,
            $"WinRM profile found TLS in {withProfile} frames, the default profile in {withDefaults}");
    }

    // ClientHello, then ClientKeyExchange with ChangeCipherSpec and Finished.
    private const int HandshakeSegments = 2;
    private const int MaximumCuts = 10;
    private const int SmallMtu = 600;

    private List<int> ClientDataSegments(string capture)
    {
        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath,
            "-r", capture, "-n", "-Y", "tcp.len > 0 && tcp.dstport == 5986", "-T", "fields", "-e", "frame.number");
        return IsolatedTshark.Rows(result)
            .Select(fields => int.Parse(fields[0], CultureInfo.InvariantCulture))
            .ToList();
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task DecodeAs_WinRmRequestInsideTlsOn5986_IsHttpWithoutTheHttpHeuristic()
    {
        using var folder = new TemporaryFolder("winrm-http-in-tls");
        using var certificates = new TestCertificates();
        string keyLog = folder.PathOf("keys.log");
        string capturePath = folder.PathOf("wsman.pcap");
        using (NetworkNamespace space = NetworkNamespace.Create())
        {
            await using LoopbackCapture capture = await LoopbackCapture.StartAsync(
                new CaptureOptions { OutputPath = capturePath, Namespace = space });
            await using (OpensslServer listener = await OpensslServer.StartAsync(new OpensslServerOptions
            {
                Certificate = certificates.Create(CertificateSpec.Server("winrm01.contoso.test")),
                Namespace = space,
                AnswerHttp = true,
            }))
            {
                await OpensslClient.ConnectAsync(new OpensslClientOptions
                {
                    Namespace = space,
                    ExtraArguments = ["-tls1_2"],
                    KeyLogPath = keyLog,
                });
                await listener.StopAsync();
            }
            await capture.StopAsync();
        }
        string[] decrypted =
            ["-o", "tls.keylog_file:" + keyLog, "--disable-heuristic", "http_tls", "-Y", "http.request"];

        int withDefaults = FrameCount(capturePath, decrypted);
        int withProfile = FrameCount(capturePath, ["-C", "WinRM", .. decrypted]);

        Assert.Equal(0, withDefaults);
        Assert.Equal(1, withProfile);
    }

    // The profile turns on out-of-order TCP reassembly, which changes where tshark resynchronises
    // on a capture that starts inside a record; the oracle uses the same setting.
    private static readonly string[] ExplicitTlsWithProfileReassembly =
        ["-d", "tcp.port==5986,tls", "-o", "tcp.reassemble_out_of_order:TRUE"];

    private bool Compiles(string displayFilter) =>
        IsolatedTshark.Run(home.FullPath, "-C", "WinRM", "-X", "lua_script:" + IsolatedTshark.PluginPath,
            "-r", Sample, "-c", "1", "-Y", displayFilter).ExitCode == 0;

    private int TlsFrames(string capture, params string[] options) =>
        FrameCount(capture, [.. options, "-Y", "tls"]);

    private int FrameCount(string capture, string[] options)
    {
        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath, ["-r", capture, "-n", .. options]);
        Assert.True(result.ExitCode == 0, IsolatedTshark.Warnings(result));
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    // A TLS 1.2 connection that sends 50 kB (several 8 kB records) over a small MTU.
    private static async Task<string> RecordBulkTransferAsync(string path)
    {
        using var certificates = new TestCertificates();
        TestCertificate server = certificates.Create(CertificateSpec.Server("winrm01.contoso.test"));
        using NetworkNamespace space = NetworkNamespace.Create(new NetworkNamespaceOptions { Mtu = SmallMtu });
        await using LoopbackCapture capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = path, Namespace = space });
        await using (OpensslServer listener = await OpensslServer.StartAsync(
            new OpensslServerOptions { Certificate = server, Namespace = space }))
        {
            await OpensslClient.ConnectAsync(new OpensslClientOptions
            {
                Namespace = space,
                ExtraArguments = ["-tls1_2"],
                Request = new string('w', 50_000) + "\n",
                ResponseWait = TimeSpan.FromSeconds(1),
            });
            await listener.StopAsync();
        }
        return await capture.StopAsync();
    }
}

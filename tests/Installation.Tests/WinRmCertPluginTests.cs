using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Installation.Tests.Support;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace Installation.Tests;

/// <summary>
/// plugins/winrm-cert.lua loaded into the real tshark (-X lua_script:), on captures of real
/// openssl peers and on the public corpus; tshark's own certificate bytes are the oracle.
/// </summary>
public sealed class WinRmCertPluginTests : IClassFixture<CertificateChangeCapture>, IDisposable
{
    private static readonly string[] PluginFields =
    [
        "tcp.stream", "tls.handshake.certificate", "winrm_cert.thumbprint", "winrm_cert.role",
        "winrm_cert.position", "winrm_cert.status", "winrm_cert.changed", "frame.time_epoch",
    ];

    private readonly CertificateChangeCapture capture;
    private readonly TemporaryFolder home = new("winrm-cert-home");

    public WinRmCertPluginTests(CertificateChangeCapture capture)
    {
        this.capture = capture;
    }

    public void Dispose() => home.Dispose();

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task Thumbprint_EveryCertificateInLoopbackCapture_IsSha1OfTsharkCertificateBytes()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert");

        Assert.Equal(5, rows.Select(row => row.Stream).Distinct().Count());
        foreach (CertificateRow row in rows)
        {
            Assert.Equal(row.Certificates.Select(Sha1Hex), row.Thumbprints);
        }
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task Thumbprint_ServerLeafOfEachConnection_IsThePresentedCertificate()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert.role == \"server\"");

        Assert.Equal(
            capture.ServerByStream.Select(certificate => certificate.Thumbprint),
            rows.Select(row => row.Thumbprints[row.Positions.IndexOf("0")]));
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task Status_ExpiredAndNotYetValidLeaves_ReportedOnTheirOwnFrames()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert.role == \"server\"");

        Assert.Equal(
            ["valid", "valid", "valid", "expired", "not yet valid"],
            rows.Select(row => row.Statuses[row.Positions.IndexOf("0")]));
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task Changed_RenewedAndLaterCertificates_NameTheEarlierThumbprint()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert.role == \"server\"");

        Assert.Equal(
            ["", "", capture.Original.Thumbprint, capture.Renewed.Thumbprint, capture.Expired.Thumbprint],
            rows.Select(row => string.Join(',', row.Changed)));
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task Role_ClientCertificate_IsReportedAsClient()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert.role == \"client\"");

        CertificateRow row = Assert.Single(rows);
        Assert.Equal(1, row.Stream);
        Assert.Equal(capture.Client.Thumbprint, row.Thumbprints[0]);
        Assert.All(row.Roles, role => Assert.Equal("client", role));
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task DisplayFilter_StatusExpired_SelectsOnlyTheExpiredCertificateFrame()
    {
        string path = await capture.PathAsync();

        IReadOnlyList<CertificateRow> rows = PluginRows(path, "winrm_cert.status == \"expired\"");

        CertificateRow row = Assert.Single(rows);
        Assert.Equal(3, row.Stream);
        Assert.Equal(capture.Expired.Thumbprint, row.Thumbprints[0]);
    }

    [RequiresFact("tshark", "tcpdump", "openssl", "root")]
    public async Task ExpertInfo_ExpiredAndChangedCertificates_OneItemEach()
    {
        string path = await capture.PathAsync();

        ProcessRunner.Result result = IsolatedTshark.Run(home.FullPath, "-r", path, "-n",
            "-X", "lua_script:" + IsolatedTshark.PluginPath, "-Y", "winrm_cert",
            "-T", "fields", "-e", "tcp.stream", "-e", "_ws.expert.message");
        var messagesByStream = IsolatedTshark.Rows(result)
            .GroupBy(fields => int.Parse(fields[0], CultureInfo.InvariantCulture))
            .ToDictionary(
                frames => frames.Key,
                frames => frames.SelectMany(fields => IsolatedTshark.Values(fields[1]))
                    .Where(message => message.Contains("ertificate", StringComparison.Ordinal))
                    .ToList());

        Assert.Empty(messagesByStream[0]);
        Assert.Empty(messagesByStream[1]);
        Assert.Contains(capture.Original.Thumbprint, Assert.Single(messagesByStream[2]), StringComparison.Ordinal);
        Assert.Equal(2, messagesByStream[3].Count);
        Assert.Contains(messagesByStream[3], message => message.Contains("expired", StringComparison.Ordinal));
        Assert.Contains(messagesByStream[4], message => message.Contains("not yet valid", StringComparison.Ordinal));
    }

    [RequiresFact("tshark")]
    public void ThumbprintAndStatus_PublicCorpusCertificates_MatchSha1AndDotNetValidityAtCaptureTime()
    {
        IReadOnlyList<string> captures = CorpusCapturesWithCertificates();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int certificatesChecked = 0;

        Parallel.ForEach(captures, new ParallelOptions { MaxDegreeOfParallelism = 4 }, relative =>
        {
            using var corpusHome = new TemporaryFolder("winrm-cert-corpus");
            IReadOnlyList<CertificateRow> rows = PluginRows(
                Path.Combine(RepositoryPaths.Corpus, relative), "tls.handshake.certificate", corpusHome.FullPath);
            foreach (CertificateRow row in rows)
            {
                Interlocked.Add(ref certificatesChecked, row.Certificates.Count);
                if (!row.Certificates.Select(Sha1Hex).SequenceEqual(row.Thumbprints))
                {
                    failures.Add($"{relative} stream {row.Stream}: thumbprints");
                }
                for (int i = 0; i < row.Certificates.Count; i++)
                {
                    string? expected = ExpectedStatus(row.Certificates[i], row.FrameTime);
                    if (expected is not null && (i >= row.Statuses.Count || row.Statuses[i] != expected))
                    {
                        failures.Add($"{relative} stream {row.Stream}: certificate {i} not {expected}");
                    }
                }
            }
        });

        Assert.Empty(failures);
        Assert.True(certificatesChecked >= 300, $"only {certificatesChecked} certificates checked");
    }

    internal static IReadOnlyList<string> CorpusCapturesWithCertificates()
    {
        // SOURCES.tsv columns: local_path first, then tshark_certs and tshark_rc by name.
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Corpus, "SOURCES.tsv"));
        string[] header = lines[0].Split('\t');
        int certificates = Array.IndexOf(header, "tshark_certs");
        int exitCode = Array.IndexOf(header, "tshark_rc");
        return lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => int.TryParse(fields[certificates], out int count) && count > 0 && fields[exitCode] == "0")
            .Select(fields => fields[0])
            .ToList();
    }

    // The status .NET's own decoding gives at the capture time, or null when .NET cannot decode it.
    private static string? ExpectedStatus(string derHex, DateTimeOffset at)
    {
        try
        {
            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(Convert.FromHexString(derHex));
            if (at < new DateTimeOffset(certificate.NotBefore.ToUniversalTime()))
            {
                return "not yet valid";
            }
            return at > new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) ? "expired" : "valid";
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Sha1Hex(string derHex) => Convert.ToHexString(SHA1.HashData(Convert.FromHexString(derHex)));

    private IReadOnlyList<CertificateRow> PluginRows(string path, string displayFilter, string? tsharkHome = null)
    {
        var arguments = new List<string>
        {
            "-r", path, "-n", "-X", "lua_script:" + IsolatedTshark.PluginPath, "-Y", displayFilter, "-T", "fields",
        };
        foreach (string field in PluginFields)
        {
            arguments.AddRange(["-e", field]);
        }
        ProcessRunner.Result result = IsolatedTshark.Run(tsharkHome ?? home.FullPath, [.. arguments]);
        Assert.True(result.StandardOutput.Length > 0 || result.ExitCode == 0, IsolatedTshark.Warnings(result));
        return IsolatedTshark.Rows(result).Select(CertificateRow.Parse).ToList();
    }

    private sealed record CertificateRow(
        int Stream,
        IReadOnlyList<string> Certificates,
        IReadOnlyList<string> Thumbprints,
        IReadOnlyList<string> Roles,
        List<string> Positions,
        IReadOnlyList<string> Statuses,
        IReadOnlyList<string> Changed,
        DateTimeOffset FrameTime)
    {
        // Certificates carried outside TCP (QUIC) have no stream index; they count as stream -1.
        public static CertificateRow Parse(string[] fields) => new(
            int.TryParse(fields[0].Split(',')[0], CultureInfo.InvariantCulture, out int stream) ? stream : -1,
            IsolatedTshark.Values(fields[1]),
            IsolatedTshark.Values(fields[2]),
            IsolatedTshark.Values(fields[3]),
            [.. IsolatedTshark.Values(fields[4])],
            IsolatedTshark.Values(fields[5]),
            IsolatedTshark.Values(fields[6]),
            DateTimeOffset.FromUnixTimeMilliseconds(
                (long)(double.Parse(fields[7], CultureInfo.InvariantCulture) * 1000)));
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Export;

/// <summary>
/// For every capture of the public corpus, the certificates <c>winrm-certs export</c> writes
/// equal, byte for byte, the ones tshark extracts. Where the two differ on purpose, the table of
/// known differences says which side is right and why, and the test asserts the right value.
/// </summary>
public sealed class CorpusConformanceTests
{
    /// <summary>Files where tshark and we legitimately differ, with the reason.</summary>
    private static readonly Dictionary<string, KnownDifference> KnownDifferences = new()
    {
        ["suricata-verify/tests/bug-1450-04/tls_DER-incomplete-header.pcap"] = new(
            "The Certificate message declares a 9-byte certificate (30 05 30 84 FF FF FF FA 04); tshark "
            + "shows only the 7 bytes its ASN.1 decoder consumed and then stops on the damaged record. We "
            + "export the 9 bytes the message carries.",
            OursOnly: ["88B5A112DFE8F4C1C48E8507EB182F397DFBB85B"],
            TsharkOnly: ["*"]),
        ["ja4/pcap/chrome-cloudflare-quic-with-secrets.pcapng"] = new(
            "QUIC over UDP: the certificates travel in QUIC CRYPTO frames, which this project does not "
            + "read (TLS over TCP only); tshark decrypts QUIC with the embedded secrets.",
            OursOnly: [],
            TsharkOnly: ["*"]),
        ["ndpi/tests/cfgs/default/pcap/openvpn_nohmac_tcp.pcapng"] = new(
            "The TLS handshake runs inside OpenVPN's control channel, not directly on TCP; this "
            + "project does not unwrap OpenVPN.",
            OursOnly: [],
            TsharkOnly: ["*"]),
    };

    public static TheoryData<string> CorpusCaptures() => ReadCorpus(withKeyLog: false);

    /// <summary>The corpus captures that come with a key log, as "capture|keylog".</summary>
    public static TheoryData<string> CorpusCapturesWithKeyLogs() => ReadCorpus(withKeyLog: true);

    private static TheoryData<string> ReadCorpus(bool withKeyLog)
    {
        const int keyLogColumn = 16;
        var data = new TheoryData<string>();
        var sources = Path.Combine(RepositoryPaths.Corpus, "SOURCES.tsv");
        if (!File.Exists(sources))
        {
            data.Add("(corpus missing)");
            return data;
        }
        foreach (var line in File.ReadLines(sources).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length <= 7 || columns[7] == "keylog")
            {
                continue;
            }
            if (!withKeyLog)
            {
                data.Add(columns[0]);
            }
            else if (columns.Length > keyLogColumn && columns[keyLogColumn].Length > 0)
            {
                var keyLog = columns[keyLogColumn]
                    .Replace("shared/corpus/public/", string.Empty, StringComparison.Ordinal);
                data.Add(columns[0] + "|" + keyLog);
            }
        }
        return data;
    }

    [RequiresTheory("tshark")]
    [MemberData(nameof(CorpusCaptures))]
    public void Export_CorpusCapture_MatchesTshark(string relativePath)
    {
        var capture = Path.Combine(RepositoryPaths.Corpus, relativePath);
        Assert.True(File.Exists(capture), $"corpus file missing: {capture} (../shared must sit beside the repo)");
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var ours = ExportWithUs(capture, folder.FullPath);
        var tshark = TsharkCertificates(capture);

        var oursOnly = ours.Keys.Except(tshark.Keys).Order().ToArray();
        var tsharkOnly = tshark.Keys.Except(ours.Keys).Order().ToArray();
        if (KnownDifferences.TryGetValue(relativePath, out var known))
        {
            Assert.Equal(known.OursOnly.Order(), oursOnly);
            if (!known.TsharkOnly.SequenceEqual(["*"]))
            {
                Assert.Equal(known.TsharkOnly.Order(), tsharkOnly);
            }
            return;
        }
        Assert.True(oursOnly.Length == 0 && tsharkOnly.Length == 0,
            $"{relativePath}: only we found [{string.Join(", ", oursOnly)}]; only tshark found "
            + $"[{string.Join(", ", tsharkOnly)}]");
        foreach (var (thumbprint, der) in tshark)
        {
            Assert.Equal(der, ours[thumbprint]);
        }
    }

    /// <summary>
    /// With the key log the corpus ships, TLS 1.3 certificates are decrypted: we find every
    /// certificate tshark finds with the same key log.
    /// </summary>
    [RequiresTheory("tshark")]
    [MemberData(nameof(CorpusCapturesWithKeyLogs))]
    public void Export_CorpusCaptureWithKeyLog_MatchesTshark(string captureAndKeyLog)
    {
        var parts = captureAndKeyLog.Split('|');
        var capture = Path.Combine(RepositoryPaths.Corpus, parts[0]);
        var keyLog = Path.Combine(RepositoryPaths.Corpus, parts[1]);
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var ours = ExportWithUs(capture, folder.FullPath, KeyLog.Load(keyLog));
        var tshark = TsharkCertificates(capture, "-o", $"tls.keylog_file:{keyLog}");

        Assert.NotEmpty(tshark);
        Assert.Equal(tshark.Keys.Order(), ours.Keys.Order());
    }

    /// <summary>Runs the export command in-process; returns thumbprint -> file bytes.</summary>
    private static Dictionary<string, byte[]> ExportWithUs(string capture, string folder, KeyLog? keyLog = null)
    {
        var output = new CommandOutput(new StringWriter(), new StringWriter(), ErrorIsTerminal: false);
        var options = new TrackerOptions { KeyLog = keyLog ?? KeyLog.Empty };
        ExportCommand.Run([capture], folder, CertificateFileFormat.Der, json: false, options, output,
            NullLoggerFactory.Instance);
        return Directory.GetFiles(folder, "*.cer").ToDictionary(
            path => Path.GetFileNameWithoutExtension(path), File.ReadAllBytes);
    }

    /// <summary>tshark's certificates (with out-of-order reassembly on), thumbprint -> DER.</summary>
    private static Dictionary<string, byte[]> TsharkCertificates(string capture, params string[] extra)
    {
        var result = ProcessRunner.Run("tshark", [
            "-r", capture, "-o", "tcp.reassemble_out_of_order:TRUE", .. extra,
            "-Y", "tls.handshake.certificate", "-T", "fields", "-e", "tls.handshake.certificate",
        ]);
        var certificates = new Dictionary<string, byte[]>();
        foreach (var hex in result.StandardOutput.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var der = Convert.FromHexString(hex.Trim().Replace(":", string.Empty, StringComparison.Ordinal));
            certificates[Convert.ToHexString(SHA1.HashData(der))] = der;
        }
        return certificates;
    }

    private sealed record KnownDifference(string Reason, string[] OursOnly, string[] TsharkOnly);
}

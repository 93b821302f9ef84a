using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmCerts.Tests.Annotate;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using ScratchFolder = WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder;

namespace WinRmCerts.Tests.Probe;

/// <summary>
/// Why <c>--tls12</c> exists: a capture taken while probing shows the certificate only when the
/// handshake is TLS 1.2. tcpdump records a default probe (TLS 1.3) and a <c>--tls12</c> probe of
/// the same server; <c>annotate</c> then marks the first as encrypted and the second with the
/// very thumbprint the probe reported.
/// </summary>
public sealed class ProbeCaptureTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [RequiresFact("tshark", "tcpdump", "root")]
    public async Task Tls12Probe_CapturedMeanwhile_AnnotateShowsTheProbedThumbprint()
    {
        var leaf = certificates.CreateChain(CertificateSpec.Server("winrm01.contoso.test"));
        await using var server = SslStreamServer.Start(leaf, IPAddress.Loopback);
        var port = server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        using var folder = new ScratchFolder("winrm-certs-tests");
        var capturePath = Path.Combine(folder.FullPath, "probe.pcap");
        ProbeCli.Result tls13;
        ProbeCli.Result tls12;
        await using (var capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = capturePath, Filter = "tcp port " + port }))
        {
            tls13 = await ProbeCli.RunAsync("probe", "127.0.0.1:" + port, "--json");
            tls12 = await ProbeCli.RunAsync("probe", "127.0.0.1:" + port, "--json", "--tls12");
            await capture.StopAsync();
        }
        var annotated = Path.Combine(folder.FullPath, "probe.pcapng");

        var code = AnnotateCommand.Run(capturePath, annotated, new AnnotationOptions(),
            new CommandOutput(TextWriter.Null, TextWriter.Null, false), NullLoggerFactory.Instance);

        Assert.Equal(ExitCode.Success, code);
        Assert.Equal("1.3", Version(tls13));
        Assert.Equal("1.2", Version(tls12));
        var comments = TsharkFrames.Comments(annotated).Values.SelectMany(list => list).ToList();
        Assert.Contains(comments, comment => comment.Contains("reason=tls13-encrypted", StringComparison.Ordinal));
        var leafComments = comments.Where(comment => comment.Contains("chain=1/", StringComparison.Ordinal));
        var thumbprintField = Assert.Single(leafComments).Split(' ')
            .Single(field => field.StartsWith("thumbprint=", StringComparison.Ordinal));
        Assert.Equal($"thumbprint={Thumbprint(tls12)}", thumbprintField);
        Assert.Equal(leaf.Thumbprint, Thumbprint(tls12));
    }

    private static string? Version(ProbeCli.Result result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("probes")[0].GetProperty("tls").GetProperty("version").GetString();
    }

    private static string? Thumbprint(ProbeCli.Result result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("probes")[0].GetProperty("tls").GetProperty("server")
            .GetProperty("hash").GetProperty("sha1").GetString();
    }
}

using System.Text.Json;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Export;

/// <summary>
/// The <c>winrm-certs</c> executable run as a user runs it: exit codes, one-line errors that name
/// the file, standard input, formats, and nothing written outside the output folder.
/// </summary>
public sealed class ExportCommandLineTests
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Corpus, "zeek", "testing", "btest", "Traces",
        "tls", "tls1.2.pcap");

    private static readonly string[] SampleThumbprints =
    [
        "02FAF3E291435468607857694DF5E45B68851868",
        "3367A1824A6013C02A3E25BBE4DA863387FAF134",
        "B9B4C7A488C0885EC1C83AA87E4EBD2B215F9FA4",
    ];

    [Fact]
    public void Export_CorpusCapture_WritesOneCerFilePerCertificateAndExitsZero()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var output = Path.Combine(folder.FullPath, "certs");

        var result = WinRmCerts("export", Sample, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleThumbprints, Directory.GetFiles(output).Select(Path.GetFileName).Order().Select(
            name => name![..^".cer".Length]));
        Assert.Contains("3 certificate(s) written", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardError);
    }

    [Fact]
    public void Export_StandardInput_ReadsTheCapturePipedIn()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var result = WinRmCerts(["export", "-", "--out", folder.FullPath], stdinFile: Sample);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, Directory.GetFiles(folder.FullPath, "*.cer").Length);
    }

    [Fact]
    public void Export_NotACaptureAmongOthers_OneLineNamingItExitOneOthersStillExported()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var html = Path.Combine(folder.FullPath, "page.html");
        File.WriteAllText(html, "<html><body>not a capture</body></html>");
        var output = Path.Combine(folder.FullPath, "certs");

        var result = WinRmCerts("export", html, Sample, "--out", output);

        Assert.Equal(1, result.ExitCode);
        var errorLines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(errorLines);
        Assert.Contains(html, errorLines[0], StringComparison.Ordinal);
        Assert.Contains("not a pcap or pcapng file", errorLines[0], StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(output, "*.cer").Length);
    }

    [Fact]
    public void Export_MissingFile_OneLineNoSuchFileExitOne()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var missing = Path.Combine(folder.FullPath, "nope.pcapng");

        var result = WinRmCerts("export", missing, "--out", Path.Combine(folder.FullPath, "certs"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"winrm-certs: {missing}: no such file", result.StandardError.Trim());
    }

    [Fact]
    public void Export_TruncatedCapture_KeepsCertificatesBeforeTheCutAndExitsThree()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var bytes = File.ReadAllBytes(Sample);
        var cut = Path.Combine(folder.FullPath, "cut.pcap");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 100)]);
        var output = Path.Combine(folder.FullPath, "certs");

        var result = WinRmCerts("export", cut, "--out", output);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("warning", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(cut, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(output, "*.cer").Length);
    }

    [Fact]
    public void Export_PemFormatAndJson_WritesPemFilesAndEcsFields()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var result = WinRmCerts("export", Sample, "--out", folder.FullPath, "--format", "pem", "--json");

        Assert.Equal(0, result.ExitCode);
        var pem = File.ReadAllText(Path.Combine(folder.FullPath, SampleThumbprints[1] + ".pem"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var first = json.RootElement.GetProperty("certificates")[0];
        Assert.Equal("3367A1824A6013C02A3E25BBE4DA863387FAF134",
            first.GetProperty("hash").GetProperty("sha1").GetString());
        Assert.Equal("2016-07-04T23:59:59Z", first.GetProperty("x509").GetProperty("not_after").GetString());
        Assert.Equal(443, first.GetProperty("seen")[0].GetProperty("server").GetProperty("port").GetInt32());
        Assert.Equal(8, first.GetProperty("seen")[0].GetProperty("frame").GetInt32());
    }

    [Fact]
    public void Export_WithoutOut_UsageErrorAndNothingWritten()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var result = WinRmCerts(["export", Sample], workingDirectory: folder.FullPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--out", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.FullPath));
    }

    [Fact]
    public void Export_RunTwice_SameFilesNoTemporaryLeftovers()
    {
        using var folder = new TemporaryFolder("winrm-certs-tests");

        WinRmCerts("export", Sample, "--out", folder.FullPath);
        var second = WinRmCerts("export", Sample, "--out", folder.FullPath);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(SampleThumbprints.Select(t => t + ".cer"),
            Directory.GetFiles(folder.FullPath).Select(Path.GetFileName).Order());
    }

    private static ProcessRunner.Result WinRmCerts(params string[] arguments) => WinRmCerts(arguments, null, null);

    private static ProcessRunner.Result WinRmCerts(string[] arguments, string? stdinFile = null,
        string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "winrm-certs.dll");
        if (stdinFile is null)
        {
            return ProcessRunner.Run("dotnet", [dll, .. arguments], workingDirectory: workingDirectory);
        }
        var shell = $"dotnet '{dll}' {string.Join(' ', arguments.Select(a => $"'{a}'"))} < '{stdinFile}'";
        return ProcessRunner.Run("sh", ["-c", shell], workingDirectory: workingDirectory);
    }
}

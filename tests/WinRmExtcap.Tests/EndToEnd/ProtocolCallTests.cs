using System.Diagnostics;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>Each extcap call, made on the built program the way Wireshark 3.6 to 4.4 makes it.</summary>
public sealed class ProtocolCallTests
{
    [Fact]
    public void Interfaces_WithVersion_ListsInterfaceAndControlsWithoutBom()
    {
        var result = ExtcapProgram.Run("--extcap-interfaces", "--extcap-version=4.0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardError);
        Assert.StartsWith("extcap {version=", result.StandardOutput, StringComparison.Ordinal);
        var lines = ExtcapProgram.Lines(result.StandardOutput);
        Assert.Contains("interface {value=winrm}{display=WinRM over HTTPS}", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("control ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Interfaces_WithoutVersionAndWithUnknownOptions_StillAnswers()
    {
        var result = ExtcapProgram.Run("--extcap-interfaces", "--extcap-cleanup-postkill", "--unknown", "x");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("interface {value=winrm}", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Interfaces_OutputBytes_AreUtf8WithoutByteOrderMark()
    {
        using var process = Process.Start(new ProcessStartInfo(ExtcapProgram.PathOnDisk, "--extcap-interfaces")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!; // Start returns null only for shell-executed documents.
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();

        Assert.Equal((byte)'e', bytes.ToArray()[0]);
    }

    [Fact]
    public void Dlts_ForOurInterface_ListsOneDlt()
    {
        var result = ExtcapProgram.Run("--extcap-dlts", "--extcap-interface", "winrm");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(ExtcapProgram.Lines(result.StandardOutput));
        Assert.StartsWith("dlt {number=1}{name=EN10MB}{display=", line);
    }

    [Fact]
    public void Dlts_ForUnknownInterface_FailsWithOneLine()
    {
        var result = ExtcapProgram.Run("--extcap-dlts", "--extcap-interface=other");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Single(ExtcapProgram.Lines(result.StandardError));
    }

    [RequiresFact("tcpdump")] // libpcap lists the devices.
    public void Config_ListsTheLoopbackDeviceAndEveryOption()
    {
        var result = ExtcapProgram.Run("--extcap-config", "--extcap-interface", "winrm");

        Assert.Equal(0, result.ExitCode);
        var lines = ExtcapProgram.Lines(result.StandardOutput);
        Assert.Contains(lines, l => l.StartsWith("value {arg=0}{value=lo}", StringComparison.Ordinal));
        Assert.Single(lines, l =>
            l.StartsWith("value {arg=0}", StringComparison.Ordinal) && l.EndsWith("{default=true}"));
        Assert.Equal(9, lines.Count(l => l.StartsWith("arg ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("{call=--keylog-file}{display=TLS key log file}{type=fileselect}",
            StringComparison.Ordinal));
        Assert.DoesNotContain("required", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresFact("tcpdump")]
    public void Config_ReloadDevice_ListsOnlyDevicesWithTheCurrentOneSelected()
    {
        var result = ExtcapProgram.Run("--extcap-config", "--extcap-interface", "winrm",
            "--extcap-reload-option", "device", "--device", "lo", "--ports", "5986");

        Assert.Equal(0, result.ExitCode);
        var lines = ExtcapProgram.Lines(result.StandardOutput);
        Assert.All(lines, l => Assert.StartsWith("value {arg=0}", l));
        Assert.StartsWith("value {arg=0}{value=lo}", lines.Single(l => l.EndsWith("{default=true}")));
    }

    [RequiresFact("tcpdump")]
    public void CaptureFilter_Valid_AnswersNothing()
    {
        var result = ExtcapProgram.Run("--extcap-capture-filter", "tcp port 5986 and host ::1",
            "--extcap-interface", "winrm");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [RequiresFact("tcpdump")]
    public void CaptureFilter_Invalid_AnswersTheReasonOnOneLine()
    {
        var result = ExtcapProgram.Run("--extcap-capture-filter=hots x", "--extcap-interface=winrm");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(ExtcapProgram.Lines(result.StandardOutput));
        Assert.Contains("syntax error", line, StringComparison.Ordinal);
    }

    [RequiresFact("tcpdump")]
    public void Capture_CertificateFolderUnderAFile_FailsBeforeCapturingWithOneStderrLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            var fifo = Path.Combine(Path.GetTempPath(), $"winrm-extcap-{Guid.NewGuid():N}.pcapng");
            var result = ExtcapProgram.Run("--capture", "--extcap-interface", "winrm", "--fifo", fifo,
                "--device", "lo", "--certificate-folder", Path.Combine(file, "sub"));

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.StandardOutput);
            var line = Assert.Single(ExtcapProgram.Lines(result.StandardError));
            Assert.Contains("--certificate-folder: cannot save certificates in", line, StringComparison.Ordinal);
            File.Delete(fifo);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Capture_WithoutFifo_FailsWithOneStderrLineAndNoOutput()
    {
        var result = ExtcapProgram.Run("--capture", "--extcap-interface", "winrm");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        var line = Assert.Single(ExtcapProgram.Lines(result.StandardError));
        Assert.Contains("--fifo", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_BadThumbprint_FailsBeforeCapturing()
    {
        using var folder = new TemporaryFolder("winrm-extcap-test");

        var result = ExtcapProgram.Run("--capture", "--extcap-interface", "winrm", "--fifo",
            folder.PathOf("out.pcapng"), "--expected-thumbprint", "not-a-thumbprint");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--expected-thumbprint", Assert.Single(ExtcapProgram.Lines(result.StandardError)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void NoCall_VersionOnly_PrintsTheExtcapSentence()
    {
        var result = ExtcapProgram.Run("--extcap-version=4.2");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("extcap {version=", result.StandardOutput, StringComparison.Ordinal);
    }
}

using WinRmExtcap.TestSupport;

namespace WinRmCerts.Tests.Probe;

/// <summary>The real executable's exit codes under <c>probe --check</c>, as a monitoring system sees them.</summary>
public sealed class ProbeCheckCommandLineTests
{
    [Fact]
    public void ProbeCheck_UnparsableOption_ExitsUnknown()
    {
        var result = WinRmCerts("probe", "127.0.0.1:1", "--check", "--timeout", "banana");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("banana", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_UnparsableOptionWithoutCheck_ExitsOne()
    {
        var result = WinRmCerts("probe", "127.0.0.1:1", "--timeout", "banana");

        Assert.Equal(1, result.ExitCode);
    }

    private static ProcessRunner.Result WinRmCerts(params string[] arguments) =>
        ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "winrm-certs.dll"), .. arguments]);
}

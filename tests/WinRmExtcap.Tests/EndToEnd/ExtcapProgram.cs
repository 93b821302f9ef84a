using System.Text;
using WinRmExtcap.TestSupport;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>The built <c>winrm-extcap</c> program, run as Wireshark runs it.</summary>
internal static class ExtcapProgram
{
    /// <summary>The apphost the build copies beside the test assembly.</summary>
    public static string PathOnDisk { get; } = Path.Combine(AppContext.BaseDirectory,
        OperatingSystem.IsWindows() ? "winrm-extcap.exe" : "winrm-extcap");

    /// <summary>Runs one call and returns its exit code and raw standard output and error bytes as text.</summary>
    public static ProcessRunner.Result Run(params string[] arguments) =>
        ProcessRunner.Run(PathOnDisk, arguments, timeoutMs: 30_000);

    /// <summary>Runs one call and returns its standard output as raw bytes, to check the encoding.</summary>
    public static byte[] RunForBytes(params string[] arguments)
    {
        var result = Run(arguments);
        return Encoding.UTF8.GetBytes(result.StandardOutput);
    }

    public static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Export;

/// <summary>Runs the export command in process and reads its results; shared by the export tests.</summary>
internal static class ExportRun
{
    /// <summary>Exports <paramref name="capture"/> into <paramref name="folder"/> as DER files.</summary>
    public static (ExitCode Code, string Out, string Error) Run(string capture, string folder, KeyLog? keyLog = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = new TrackerOptions { KeyLog = keyLog ?? KeyLog.Empty };
        var code = ExportCommand.Run([capture], folder, CertificateFileFormat.Der, json: false, options,
            new CommandOutput(stdout, stderr, ErrorIsTerminal: false), NullLoggerFactory.Instance);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The thumbprints of the .cer files in <paramref name="folder"/>, sorted.</summary>
    public static string[] ThumbprintsIn(string folder) =>
        Directory.GetFiles(folder, "*.cer").Select(path => Path.GetFileNameWithoutExtension(path)).Order().ToArray();

    /// <summary>SHA-1 thumbprints of every certificate tshark reassembles, with extra tshark arguments.</summary>
    public static HashSet<string> TsharkThumbprints(string capture, params string[] tsharkArguments) =>
        Tshark.CertificateMessages(capture, tsharkArguments)
            .SelectMany(message => message)
            .Select(hex => Convert.ToHexString(SHA1.HashData(Convert.FromHexString(hex))))
            .ToHashSet();

    /// <summary>A key log line with the last hex digit of its secret changed: right random, wrong keys.</summary>
    public static string FlipLastSecretDigit(string line) =>
        line.Length == 0 || line.StartsWith('#') ? line : line[..^1] + (line[^1] == '0' ? '1' : '0');
}

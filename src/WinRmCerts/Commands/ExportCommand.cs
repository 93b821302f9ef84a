using System.CommandLine;
using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmCerts.Commands;

/// <summary>
/// <c>winrm-certs export CAPTURE... --out DIR</c>: every certificate any TLS handshake in the
/// captures carried, once each, as <c>THUMBPRINT.cer</c>, with a summary of who carried which.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CommandOutput output, ILoggerFactory loggerFactory)
    {
        var captures = SharedOptions.Captures();
        var outFolder = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder to write the certificates into (created if missing).",
            Required = true,
        };
        var format = new Option<CertificateFileFormat>("--format")
        {
            Description = "der writes THUMBPRINT.cer (binary, as Windows opens it); pem writes THUMBPRINT.pem.",
            DefaultValueFactory = _ => CertificateFileFormat.Der,
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var ports = SharedOptions.Ports();
        var keyLog = SharedOptions.KeyLog();

        var command = new Command("export", "Write every certificate seen in the captures to a folder.")
        {
            captures, outFolder, format, json, ports, keyLog,
        };
        command.SetAction(parse =>
        {
            try
            {
                var options = new TrackerOptions
                {
                    Ports = SharedOptions.ToPortSet(parse.GetValue(ports)),
                    KeyLog = SharedOptions.LoadKeyLog(parse.GetValue(keyLog), output.Error),
                };
                return (int)Run(
                    parse.GetValue(captures) ?? [],
                    parse.GetValue(outFolder)!.FullName, // Required = true: the parser rejects a missing --out.
                    parse.GetValue(format),
                    parse.GetValue(json),
                    options,
                    output,
                    loggerFactory);
            }
            catch (UserInputException e)
            {
                output.Error.WriteLine($"winrm-certs: {e.Message}");
                return (int)ExitCode.InputError;
            }
        });
        return command;
    }

    public static ExitCode Run(IReadOnlyList<string> captures, string outFolder, CertificateFileFormat format,
        bool json, TrackerOptions options, CommandOutput output, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        CertificateFileWriter writer;
        try
        {
            writer = new CertificateFileWriter(outFolder, format);
            writer.CheckWritable();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = File.Exists(outFolder) ? "is a file, not a folder"
                : e is UnauthorizedAccessException ? "permission denied"
                : "cannot create files there";
            output.Error.WriteLine($"winrm-certs: {outFolder}: cannot write certificates there: {reason}");
            return ExitCode.InputError;
        }

        var failedWrites = 0;
        ExportCollector? collector = null;
        collector = new ExportCollector(certificate =>
        {
            try
            {
                writer.Write(certificate);
                collector!.Certificates[^1].FilePath = writer.PathOf(certificate); // Set: the callback runs after Add.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failedWrites++;
                output.Error.WriteLine($"winrm-certs: {writer.PathOf(certificate)}: cannot write: {e.Message}");
            }
        });

        var logger = loggerFactory.CreateLogger<ConnectionTracker>();
        var code = CaptureInputs.ReadAll(captures, output, name =>
        {
            collector.CurrentCapture = name;
            return new ConnectionTracker(options, collector, logger);
        });

        if (collector.CertificateLostConnections > 0)
        {
            var snap = collector.CutBySnapLengthConnections > 0
                ? $" ({collector.CutBySnapLengthConnections} cut by the snap length: capture whole packets, "
                    + "e.g. pktmon --pkt-size 0, tcpdump -s 0)"
                : " (segments missing from the capture)";
            output.Error.WriteLine($"winrm-certs: note: {collector.CertificateLostConnections} connection(s) sent a "
                + $"certificate the capture did not keep{snap}");
        }
        if (collector.EncryptedCertificateConnections > 0)
        {
            output.Error.WriteLine($"winrm-certs: note: {collector.EncryptedCertificateConnections} TLS 1.3 "
                + "connection(s) carry an encrypted certificate: add --keylog, or run winrm-certs probe --tls12");
        }
        foreach (var problem in collector.DecryptionProblems)
        {
            output.Error.WriteLine($"winrm-certs: note: {problem}");
        }
        if (collector.DecryptionProblemCount > collector.DecryptionProblems.Count)
        {
            var unlisted = collector.DecryptionProblemCount - collector.DecryptionProblems.Count;
            output.Error.WriteLine($"winrm-certs: note: {unlisted} more connection(s) could not be decrypted");
        }
        if (json)
        {
            ExportSummary.WriteJson(output.Out, collector.Certificates, writer.Folder);
        }
        else
        {
            ExportSummary.WriteText(output.Out, collector.Certificates, writer.Folder);
        }
        return failedWrites > 0 ? CaptureInputs.Worse(code, ExitCode.InputError) : code;
    }
}

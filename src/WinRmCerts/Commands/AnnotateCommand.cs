using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Commands;

/// <summary>
/// <c>winrm-certs annotate IN OUT.pcapng</c>: writes any capture back as pcapng carrying the same
/// packet comments the extcap writes live, after the comments each packet already had. Packets,
/// interfaces, timestamps and original lengths are kept as they were.
/// </summary>
public static class AnnotateCommand
{
    private const string Application = "winrm-certs annotate";
    private const string TemporarySuffix = ".partial";

    public static Command Create(CommandOutput output, ILoggerFactory loggerFactory)
    {
        var input = new Argument<string>("in")
        {
            Description = "Capture to read (pcap, pcapng, gzip-compressed either); - reads standard input.",
        };
        var outputFile = new Argument<string>("out")
        {
            Description = "pcapng file to write; replaced only once it is complete. Must differ from IN.",
        };
        var expected = new Option<string[]>("--expected-thumbprint", "-t")
        {
            Description = "Thumbprint the server should present (repeatable); server comments then say "
                + "expected=match or expected=mismatch. Spaces, colons and lower case are accepted.",
            AllowMultipleArgumentsPerToken = true,
        };
        var ports = SharedOptions.Ports();
        var keyLog = SharedOptions.KeyLog();

        var command = new Command("annotate",
            "Write a capture back as pcapng with a comment on every packet that completes a certificate.")
        {
            input, outputFile, expected, ports, keyLog,
        };
        command.SetAction(parse =>
        {
            var thumbprints = new List<Thumbprint>();
            foreach (var text in parse.GetValue(expected) ?? [])
            {
                if (!Thumbprint.TryParse(text, out var thumbprint))
                {
                    output.Error.WriteLine(
                        $"winrm-certs: --expected-thumbprint {text}: not a thumbprint (40 hex digits)");
                    return (int)ExitCode.InputError;
                }
                thumbprints.Add(thumbprint);
            }
            AnnotationOptions options;
            try
            {
                options = new AnnotationOptions
                {
                    ExpectedThumbprints = thumbprints,
                    Ports = SharedOptions.ToPortSet(parse.GetValue(ports)),
                    KeyLog = SharedOptions.LoadKeyLog(parse.GetValue(keyLog), output.Error),
                };
            }
            catch (UserInputException e)
            {
                output.Error.WriteLine($"winrm-certs: {e.Message}");
                return (int)ExitCode.InputError;
            }
            return (int)Run(
                parse.GetValue(input)!, // Arguments of arity one are always present after a successful parse.
                parse.GetValue(outputFile)!,
                options,
                output,
                loggerFactory);
        });
        return command;
    }

    /// <summary>
    /// Annotates <paramref name="inputPath"/> into <paramref name="outputPath"/>. Returns
    /// <see cref="ExitCode.InputError"/> (nothing written) when the input cannot be opened or the
    /// output is the input or cannot be written, and <see cref="ExitCode.InputDamaged"/> when the
    /// input is damaged: everything before the damage is written and a warning names the reason.
    /// </summary>
    public static ExitCode Run(
        string inputPath,
        string outputPath,
        AnnotationOptions options,
        CommandOutput output,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var inputName = inputPath == "-" ? "standard input" : inputPath;
        try
        {
            return Annotate(inputPath, inputName, outputPath, options, output, loggerFactory);
        }
        catch (UserInputException e)
        {
            output.Error.WriteLine($"winrm-certs: {e.Message}");
            return ExitCode.InputError;
        }
    }

    private static ExitCode Annotate(
        string inputPath,
        string inputName,
        string outputPath,
        AnnotationOptions options,
        CommandOutput output,
        ILoggerFactory loggerFactory)
    {
        var target = Path.GetFullPath(outputPath);
        if (inputPath != "-" && IsSameFile(inputPath, target))
        {
            throw new UserInputException($"{outputPath}: the output must not be the input file");
        }
        if (Directory.Exists(target))
        {
            throw new UserInputException($"{outputPath}: is a folder; name the pcapng file to write");
        }

        using var reader = OpenInput(inputPath, inputName);
        var folder = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(folder,
            "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + TemporarySuffix);
        var logger = loggerFactory.CreateLogger(typeof(AnnotateCommand));
        AnnotateCopyResult result;
        try
        {
            result = WriteTemporary(reader, temporary, options, output, loggerFactory);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveTemporary(temporary, logger);
            throw new UserInputException($"{outputPath}: cannot write: {e.Message}", e);
        }
        catch
        {
            RemoveTemporary(temporary, logger);
            throw;
        }

        AnnotateLog.AnnotationWritten(logger, inputName, target, result.Packets, result.CommentsAdded);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outputPath}: {result.Packets} packets, {result.CommentsAdded} comments added on "
            + $"{result.AnnotatedPackets} packets, {result.Certificates} distinct certificates"));
        if (result.IsDamaged)
        {
            output.Error.WriteLine(
                $"winrm-certs: warning: {inputName}: {result.DamageReason}; kept what came before "
                + $"({result.Packets} packets)");
            return ExitCode.InputDamaged;
        }
        return ExitCode.Success;
    }

    private static CaptureReader OpenInput(string inputPath, string inputName)
    {
        try
        {
            return CaptureReader.Open(inputPath);
        }
        catch (CaptureFormatException e)
        {
            throw new UserInputException($"{inputName}: {e.Message}", e);
        }
        catch (FileNotFoundException e)
        {
            throw new UserInputException($"{inputName}: no such file", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UserInputException($"{inputName}: no such file or folder", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"{inputName}: {FileProblem.Describe(e, inputName)}", e);
        }
        catch (IOException e)
        {
            throw new UserInputException($"{inputName}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the whole input into <paramref name="temporary"/>. A read failure midway is damage
    /// like any other (what came before is kept); an <see cref="IOException"/> means writing failed.
    /// </summary>
    private static AnnotateCopyResult WriteTemporary(
        CaptureReader reader,
        string temporary,
        AnnotationOptions options,
        CommandOutput output,
        ILoggerFactory loggerFactory)
    {
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = new PcapNgWriter(stream, Application);
        var annotator = new PacketAnnotator(options, loggerFactory);
        using var progress = new ProgressIndicator(output, reader.DisplayName);
        return AnnotateCopy.Copy(reader, writer, annotator, progress.Report);
    }

    private static void RemoveTemporary(string temporary, ILogger logger)
    {
        try
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
                AnnotateLog.TemporaryFileRemoved(logger, temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error is the one worth reporting; a leftover hidden file is harmless.
        }
    }

    /// <summary>True when both paths lead to one file, also through symbolic links.</summary>
    private static bool IsSameFile(string inputPath, string outputFullPath)
    {
        var input = Resolve(Path.GetFullPath(inputPath));
        var output = Resolve(outputFullPath);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(input, output, comparison);
    }

    private static string Resolve(string fullPath)
    {
        try
        {
            var target = new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? fullPath;
        }
        catch (IOException)
        {
            return fullPath;
        }
    }
}

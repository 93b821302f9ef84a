using System.Text;
using WinRmExtcap.Capture;
using WinRmExtcap.Logging;
using WinRmExtcap.Options;
using WinRmExtcap.Protocol;

namespace WinRmExtcap;

/// <summary>
/// <c>winrm-extcap</c>: a Wireshark extcap that captures WinRM traffic and names each certificate
/// in a packet comment. Standard output carries only extcap protocol sentences; standard error
/// carries at most one line, before a non-zero exit.
/// </summary>
internal static class Program
{
    private const string ProgramName = "winrm-extcap";

    /// <summary>How long a failed capture waits for the fifo's reader before it gives up releasing it.</summary>
    private const int ReleaseReaderTimeoutMs = 2_000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static int Main(string[] args)
    {
        using var output = new StreamWriter(Console.OpenStandardOutput(), Utf8) { NewLine = "\n" };
        try
        {
            return (int)Dispatch(ExtcapArguments.Parse(args), output);
        }
        catch (ExtcapUsageException e)
        {
            output.Flush();
            WriteFatal(e.Message);
            return (int)e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Flush();
            WriteFatal(e.Message);
            return (int)ExitCode.CaptureError;
        }
        catch (Exception e)
        {
            // Wireshark shows standard error in a dialog and keeps only its first 1024 bytes, so a
            // bug is reported as one line rather than as the runtime's stack trace.
            output.Flush();
            WriteFatal($"internal error: {e.GetType().Name}: {e.Message}");
            return (int)ExitCode.InternalError;
        }
    }

    private static ExitCode Dispatch(ExtcapArguments arguments, TextWriter output)
    {
        switch (arguments.Call)
        {
            case ExtcapCall.Interfaces:
                InterfaceListing.Write(output);
                return ExitCode.Success;

            case ExtcapCall.Dlts:
                RequireOurInterface(arguments);
                DltListing.Write(output);
                return ExitCode.Success;

            case ExtcapCall.Config:
                RequireOurInterface(arguments);
                ConfigListing.Write(output, arguments.ReloadOption, arguments.ValueOf(OptionNames.Device),
                    CaptureDevices.List);
                return ExitCode.Success;

            case ExtcapCall.ValidateCaptureFilter:
                // Wireshark reads any output as "invalid", its first line as the reason.
                if (CaptureFilter.Check(arguments.CaptureFilter!) is { } reason) // The call implies a filter.
                {
                    output.WriteLine(reason);
                }
                return ExitCode.Success;

            case ExtcapCall.Capture:
                RequireOurInterface(arguments);
                try
                {
                    return RunCapture(arguments);
                }
                catch (ExtcapUsageException e) when (arguments.Fifo is { } fifo)
                {
                    // The message goes out first: Wireshark collects standard error until the fifo closes.
                    WriteFatal(e.Message);
                    PipeEnds.ReleaseReader(fifo, ReleaseReaderTimeoutMs);
                    return e.ExitCode;
                }

            default:
                return AnswerWithoutCall(arguments, output);
        }
    }

    private static ExitCode RunCapture(ExtcapArguments arguments)
    {
        var settings = CaptureSettings.From(arguments);
        using var stopSignals = new StopSignals();
        using var loggerFactory = ExtcapLogging.Create(settings.LogFile, settings.LogLevel);
        using var capture = new LiveCapture(settings, loggerFactory);
        var exitCode = capture.Run(stopSignals.Token);
        if (stopSignals.Received is { } signal)
        {
            Log.StopRequested(loggerFactory.CreateLogger(ProgramName), signal.ToString());
        }
        return exitCode;
    }

    private static ExitCode AnswerWithoutCall(ExtcapArguments arguments, TextWriter output)
    {
        if (arguments.HasFlag("--help"))
        {
            output.WriteLine($"{ProgramName} {ExtcapInterface.Version}: a Wireshark extcap for WinRM over HTTPS.");
            output.WriteLine("Wireshark calls it with --extcap-interfaces, --extcap-dlts, --extcap-config,");
            output.WriteLine("--extcap-capture-filter and --capture; see extcap/README.md.");
            return ExitCode.Success;
        }
        if (arguments.ValueOf(ExtcapArgumentNames.Version) is not null)
        {
            output.WriteLine(Sentence.Extcap().With("version", ExtcapInterface.Version));
            return ExitCode.Success;
        }
        throw new ExtcapUsageException(
            $"no extcap call given; expected {ExtcapArgumentNames.Interfaces} or another extcap call");
    }

    private static void RequireOurInterface(ExtcapArguments arguments)
    {
        var name = arguments.Interface
            ?? throw new ExtcapUsageException($"{ExtcapArgumentNames.Interface} is missing");
        if (name != ExtcapInterface.Name)
        {
            throw new ExtcapUsageException($"unknown interface \"{name}\"; this extcap offers {ExtcapInterface.Name}");
        }
    }

    private static void WriteFatal(string message)
    {
        using var error = new StreamWriter(Console.OpenStandardError(), Utf8);
        error.Write($"{ProgramName}: {message.ReplaceLineEndings(" ")}\n");
    }
}

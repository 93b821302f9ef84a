using System.Globalization;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A real libpcap capture made by tcpdump or dumpcap. <see cref="StartAsync"/> returns once the program
/// says it is capturing; <see cref="StopAsync"/> interrupts it and returns once the file is complete.
/// Disposing kills a capture that was never stopped.
/// </summary>
public sealed class LoopbackCapture : IDisposable, IAsyncDisposable
{
    private const string TcpdumpReadyMarker = "listening on";
    private const string DumpcapReadyMarker = "Capturing on";
    private const int PcapFileHeaderLength = 24;

    // Packets already sent may still sit in the kernel's capture ring; give them time to arrive.
    private static readonly TimeSpan DrainDelay = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // "listening on" is printed before a capture on the "any" device has bound every interface's
    // socket; packets sent at once may be missed.
    private static readonly TimeSpan AnyDeviceSettleDelay = TimeSpan.FromMilliseconds(1500);

    private readonly ExternalProcess process;

    private LoopbackCapture(CaptureOptions options, ExternalProcess process)
    {
        Options = options;
        this.process = process;
    }

    /// <summary>The options the capture was started with.</summary>
    public CaptureOptions Options { get; }

    /// <summary>The capture file, complete once <see cref="StopAsync"/> has returned.</summary>
    public string OutputPath => Options.OutputPath;

    /// <summary>Starts the capture and waits until the program reports that it is capturing.</summary>
    /// <exception cref="InvalidOperationException">The program exited or did not get ready in time.</exception>
    public static async Task<LoopbackCapture> StartAsync(CaptureOptions options)
    {
        string program = options.Tool == CaptureTool.Tcpdump ? "tcpdump" : "dumpcap";
        IReadOnlyList<string> arguments = options.Tool == CaptureTool.Tcpdump
            ? TcpdumpArguments(options)
            : DumpcapArguments(options);
        ExternalProcess process = options.Namespace is null
            ? ExternalProcess.Start(program, arguments)
            : options.Namespace.Start(program, arguments);
        var capture = new LoopbackCapture(options, process);

        string marker = options.Tool == CaptureTool.Tcpdump ? TcpdumpReadyMarker : DumpcapReadyMarker;
        if (!await process.WaitForOutputAsync(marker, options.StartTimeout))
        {
            string error = process.StandardError.Trim();
            capture.Dispose();
            throw new InvalidOperationException($"{program} did not start capturing: {error}");
        }
        if (options.Interface == "any")
        {
            await Task.Delay(AnyDeviceSettleDelay);
        }
        return capture;
    }

    /// <summary>
    /// Lets packets in flight arrive, sends SIGINT, waits for the program to finish writing, and
    /// returns <see cref="OutputPath"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The program did not stop in time or wrote no file.</exception>
    public async Task<string> StopAsync()
    {
        await Task.Delay(DrainDelay);
        process.Interrupt();
        if (!await process.WaitForExitAsync(StopTimeout))
        {
            throw new InvalidOperationException($"capture into {OutputPath} did not stop within {StopTimeout}");
        }

        var file = new FileInfo(OutputPath);
        if (!file.Exists || file.Length < PcapFileHeaderLength)
        {
            throw new InvalidOperationException(
                $"capture wrote no file at {OutputPath}: {process.StandardError.Trim()}");
        }
        return OutputPath;
    }

    /// <summary>Kills the program if it is still running.</summary>
    public void Dispose() => process.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static List<string> TcpdumpArguments(CaptureOptions options)
    {
        // -Z root: Debian's tcpdump may otherwise drop to a user that cannot write the caller's folder.
        var arguments = new List<string>
        {
            "-i", options.Interface, "-w", options.OutputPath, "-n", "-U", "--immediate-mode", "-Z", "root",
            "--time-stamp-precision=" + (options.NanosecondTimestamps ? "nano" : "micro"),
        };
        AddCommonArguments(arguments, options);
        arguments.Add(options.Filter);
        return arguments;
    }

    private static List<string> DumpcapArguments(CaptureOptions options)
    {
        var arguments = new List<string> { "-i", options.Interface, "-w", options.OutputPath, "-q" };
        AddCommonArguments(arguments, options);
        arguments.AddRange(["-f", options.Filter]);
        return arguments;
    }

    private static void AddCommonArguments(List<string> arguments, CaptureOptions options)
    {
        if (options.SnapLength is int snapLength)
        {
            arguments.AddRange(["-s", snapLength.ToString(CultureInfo.InvariantCulture)]);
        }
        if (options.LinuxCookedV2)
        {
            arguments.AddRange(["-y", "LINUX_SLL2"]);
        }
    }
}

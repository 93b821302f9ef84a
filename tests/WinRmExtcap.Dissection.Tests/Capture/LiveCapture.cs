using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WinRmExtcap.TestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>
/// Runs a real capture program (dumpcap, tcpdump) on the loopback interface while this process
/// makes TCP traffic to 127.0.0.1, and returns once the program has written its file.
/// </summary>
internal static class LiveCapture
{
    private const int ReadyTimeoutMs = 20_000;
    private const int FinishTimeoutMs = 30_000;

    /// <summary>A listening port on 127.0.0.1 whose traffic the capture filter selects.</summary>
    public static TcpListener StartListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    public static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>
    /// Starts <paramref name="program"/>, waits for <paramref name="readyText"/> on its standard
    /// error, makes traffic until the program exits (it is given a packet count), and returns.
    /// </summary>
    public static void Run(string program, IEnumerable<string> arguments, string readyText, TcpListener listener)
    {
        var info = new ProcessStartInfo(Prerequisite.Find(program) ?? program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var ready = new ManualResetEventSlim();
        var errors = new System.Text.StringBuilder();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
            if (e.Data?.Contains(readyText, StringComparison.Ordinal) == true)
            {
                ready.Set();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!ready.Wait(ReadyTimeoutMs))
        {
            process.Kill();
            throw new TimeoutException($"{program} did not start capturing: {errors}");
        }

        var stopwatch = Stopwatch.StartNew();
        while (!process.HasExited && stopwatch.ElapsedMilliseconds < FinishTimeoutMs)
        {
            MakeTraffic(listener, rounds: 20);
        }
        if (!process.WaitForExit(FinishTimeoutMs))
        {
            process.Kill();
            throw new TimeoutException($"{program} did not finish: {errors}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {errors}");
        }
    }

    /// <summary>One TCP connection: request and echo of growing sizes, then close.</summary>
    private static void MakeTraffic(TcpListener listener, int rounds)
    {
        using var client = new TcpClient();
        client.NoDelay = true;
        client.Connect(IPAddress.Loopback, PortOf(listener));
        using var server = listener.AcceptTcpClient();
        server.NoDelay = true;
        var clientStream = client.GetStream();
        var serverStream = server.GetStream();
        var buffer = new byte[70_000];
        for (int round = 1; round <= rounds; round++)
        {
            int length = round * 997;
            clientStream.Write(buffer, 0, length);
            int received = 0;
            while (received < length)
            {
                received += serverStream.Read(buffer, 0, length - received);
            }
            serverStream.Write(buffer, 0, 1 + round);
            clientStream.ReadExactly(buffer, 0, 1 + round);
        }
    }
}

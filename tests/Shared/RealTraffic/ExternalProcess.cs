using System.Diagnostics;
using System.Text;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A long-running external program (a capture, a TLS peer) whose output lines are collected as they
/// arrive, so a caller can wait, with a timeout, for the line that says the program is ready.
/// Disposing kills the program and its children if it is still running.
/// </summary>
public sealed class ExternalProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder standardOutput = new();
    private readonly StringBuilder standardError = new();
    private readonly object outputLock = new();
    private readonly SemaphoreSlim outputArrived = new(0);
    private bool disposed;

    private ExternalProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The operating-system process id.</summary>
    public int Id => process.Id;

    /// <summary>True once the program has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code; only meaningful once <see cref="HasExited"/> is true.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Everything the program wrote to standard output so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (outputLock)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Everything the program wrote to standard error so far.</summary>
    public string StandardError
    {
        get
        {
            lock (outputLock)
            {
                return standardError.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> (a name on PATH or a full path) with the arguments.</summary>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static ExternalProcess Start(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Prerequisite.Find(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var started = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(started.standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(started.standardError, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {program}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Writes text to the program's standard input and flushes it.</summary>
    public void WriteInput(string text)
    {
        // Straight to the pipe, so that nothing stays buffered in the writer to fail again when
        // the process is disposed after it exited early.
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        process.StandardInput.BaseStream.Write(bytes);
        process.StandardInput.BaseStream.Flush();
    }

    /// <summary>Closes standard input, which many programs read as "no more to send".</summary>
    public void CloseInput() => process.StandardInput.Close();

    /// <summary>
    /// Waits until standard output or standard error contains <paramref name="marker"/>.
    /// Returns false when the timeout passes or the program exits first.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (StandardOutput.Contains(marker, StringComparison.Ordinal)
                || StandardError.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
            if (process.HasExited)
            {
                // The asynchronous readers may still hold the last lines; drain them once.
                process.WaitForExit();
                return StandardOutput.Contains(marker, StringComparison.Ordinal)
                    || StandardError.Contains(marker, StringComparison.Ordinal);
            }
            try
            {
                await outputArrived.WaitAsync(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C would, so the program can finish its output cleanly.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>
    /// Sends SIGTERM, for programs such as s_server that do not catch SIGINT and may have inherited
    /// it as ignored.
    /// </summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Waits for the program to exit; returns false when the timeout passes first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the program and its children if it is still running.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit((int)SignalTimeout.TotalMilliseconds);
            }
        }
        catch (InvalidOperationException)
        {
            // The program exited between the check and the kill.
        }
        process.Dispose();
        outputArrived.Dispose();
    }

    private static TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

    private static TimeSpan SignalTimeout => TimeSpan.FromSeconds(5);

    private void Signal(string signalName)
    {
        if (process.HasExited)
        {
            return;
        }
        string processId = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ProcessRunner.Run("kill", ["-" + signalName, processId], timeoutMs: (int)SignalTimeout.TotalMilliseconds);
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (outputLock)
        {
            target.Append(line).Append('\n');
        }
        try
        {
            outputArrived.Release();
        }
        catch (ObjectDisposedException)
        {
            // A line arrived while the process was being disposed; nobody waits for it any more.
        }
    }
}

using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace WinRmExtcap.Capture;

/// <summary>
/// Notices, without writing, that the reading end of the fifo has gone. A capture with no
/// matching traffic writes nothing, so a broken-pipe error on write alone would leave it running
/// after Wireshark stopped reading.
/// </summary>
internal static partial class PipeReaderProbe
{
    /// <summary>poll(2) revents bits (Linux and the BSDs agree on these).</summary>
    private const short PollError = 0x008;
    private const short PollHangUp = 0x010;
    private const short PollInvalid = 0x020;

    /// <summary>Windows ERROR_BROKEN_PIPE and ERROR_PIPE_NOT_CONNECTED.</summary>
    private const int ErrorBrokenPipe = 109;
    private const int ErrorPipeNotConnected = 233;

    /// <summary>
    /// True when nobody reads <paramref name="stream"/> any more. Returns false when it cannot
    /// tell (a regular file, an unknown stream type).
    /// </summary>
    public static bool IsReaderGone(Stream stream)
    {
        if (OperatingSystem.IsWindows())
        {
            return stream is NamedPipeClientStream pipe && IsWindowsPipeBroken(pipe);
        }
        return stream is FileStream file && IsUnixReaderGone(file);
    }

    private static bool IsUnixReaderGone(FileStream file)
    {
        if (file.SafeFileHandle.IsClosed)
        {
            return true;
        }

        var descriptor = new PollDescriptor
        {
            FileDescriptor = (int)file.SafeFileHandle.DangerousGetHandle(),
            Events = 0,
        };
        var ready = Poll(ref descriptor, 1, 0);
        return ready > 0 && (descriptor.ReturnedEvents & (PollError | PollHangUp | PollInvalid)) != 0;
    }

    private static bool IsWindowsPipeBroken(NamedPipeClientStream pipe)
    {
        if (!pipe.IsConnected)
        {
            return true;
        }
        if (PeekNamedPipe(pipe.SafePipeHandle, IntPtr.Zero, 0, IntPtr.Zero, out _, IntPtr.Zero))
        {
            return false;
        }
        var error = Marshal.GetLastPInvokeError();
        return error is ErrorBrokenPipe or ErrorPipeNotConnected;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollDescriptor descriptor, nuint count, int timeoutMs);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool PeekNamedPipe(
        SafeHandle pipe,
        IntPtr buffer,
        uint bufferSize,
        IntPtr bytesRead,
        out uint totalBytesAvailable,
        IntPtr bytesLeftThisMessage);
}

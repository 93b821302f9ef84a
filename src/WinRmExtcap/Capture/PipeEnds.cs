using System.IO.Pipes;

namespace WinRmExtcap.Capture;

/// <summary>
/// Opens the fifo and control pipes Wireshark hands over. On Unix they are named FIFOs
/// (<c>mkfifo</c>), opened as files: opening blocks until Wireshark opens the other end. On Windows
/// they are named pipes that Wireshark serves, and the extcap connects as a client within
/// Wireshark's 30-second limit. A plain file path also works, which is how tests read the output.
/// </summary>
internal static class PipeEnds
{
    private const string WindowsPipePrefix = @"\\.\pipe\";
    private const string LocalServer = ".";

    /// <summary>How long to try connecting to a Windows named pipe; Wireshark waits 30 s.</summary>
    private const int ConnectTimeoutMs = 30_000;

    /// <summary>Opens <paramref name="path"/> for writing, emptying it when it is a regular file.</summary>
    public static Stream OpenForWriting(string path)
    {
        if (IsWindowsPipe(path))
        {
            // Both directions, although only writes are sent: a handle that may read lets the
            // liveness probe peek the pipe to notice that Wireshark has gone.
            return Connect(path, PipeDirection.InOut);
        }

        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite,
            bufferSize: 0);
        if (stream.CanSeek)
        {
            stream.SetLength(0);
        }
        return stream;
    }

    /// <summary>
    /// Opens and at once closes <paramref name="path"/> for writing, waiting at most
    /// <paramref name="timeoutMs"/>. A capture that fails before it writes anything calls this so
    /// that the reader, blocked opening its end of a Unix FIFO, sees end of file and reports the
    /// extcap's error instead of waiting forever.
    /// </summary>
    public static void ReleaseReader(string path, int timeoutMs)
    {
        var open = Task.Run(() =>
        {
            try
            {
                OpenForWriting(path).Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
            {
                // Nobody to release.
            }
        });
        open.Wait(timeoutMs);
    }

    public static Stream OpenForReading(string path) =>
        IsWindowsPipe(path)
            ? Connect(path, PipeDirection.In)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

    public static bool IsWindowsPipe(string path) =>
        OperatingSystem.IsWindows() && path.StartsWith(WindowsPipePrefix, StringComparison.OrdinalIgnoreCase);

    private static NamedPipeClientStream Connect(string path, PipeDirection direction)
    {
        var pipe = new NamedPipeClientStream(LocalServer, path[WindowsPipePrefix.Length..], direction);
        try
        {
            pipe.Connect(ConnectTimeoutMs);
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
        return pipe;
    }
}

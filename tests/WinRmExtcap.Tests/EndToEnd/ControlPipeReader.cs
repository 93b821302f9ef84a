using System.Collections.Concurrent;
using WinRmExtcap.Control;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>Reads the extcap's outgoing control pipe on a background thread, as Wireshark does.</summary>
internal sealed class ControlPipeReader
{
    private readonly BlockingCollection<ControlMessage> _messages = [];

    public ControlPipeReader(string path)
    {
        var thread = new Thread(() => Read(path)) { IsBackground = true };
        thread.Start();
    }

    /// <summary>
    /// Waits for the next message that satisfies <paramref name="match"/>, dropping the ones before it,
    /// so callers wait in the order the extcap sends.
    /// </summary>
    public ControlMessage WaitFor(Func<ControlMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.TryTake(out var message, deadline - DateTime.UtcNow) && match(message))
            {
                return message;
            }
        }
        throw new TimeoutException("no matching control message arrived");
    }

    private void Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var buffer = new byte[1 << 16];
            var filled = 0;
            int read;
            while ((read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += read;
                var offset = 0;
                while (ControlMessage.TryDecode(buffer.AsSpan(offset, filled - offset), out var message,
                    out var consumed, out var isToolbar))
                {
                    offset += consumed;
                    if (isToolbar)
                    {
                        _messages.Add(message);
                    }
                }
                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }
        }
        catch (IOException)
        {
            // The extcap exited.
        }
    }
}

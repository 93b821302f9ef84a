using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WinRmExtcap.Capture;
using WinRmExtcap.Logging;

namespace WinRmExtcap.Control;

/// <summary>
/// The two control pipes of Wireshark's interface toolbar. Each pipe is opened on its own
/// background thread, because on Unix opening a FIFO blocks until Wireshark opens the other end
/// and the capture must not wait for that. Received messages queue up for the capture thread;
/// messages sent before the outgoing pipe is open wait and go out once it is.
/// </summary>
internal sealed class ControlChannel : IDisposable
{
    private const int ReadBufferBytes = 4096;
    private const int MaxPendingMessages = 256;
    private const string Incoming = "in";
    private const string Outgoing = "out";

    private readonly string _inPath;
    private readonly string _outPath;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<ControlMessage> _received = new();
    private readonly Queue<ControlMessage> _pending = new();
    private readonly Lock _sendGate = new();
    private Stream? _out;
    private volatile bool _incomingClosed;
    private bool _outgoingBroken;

    public ControlChannel(string inPath, string outPath, ILogger logger)
    {
        _inPath = inPath;
        _outPath = outPath;
        _logger = logger;
    }

    /// <summary>True once Wireshark has closed the pipe it writes to: the capture is over.</summary>
    public bool IncomingClosed => _incomingClosed;

    public void Start()
    {
        StartThread(ReadIncoming, "control-in");
        StartThread(OpenOutgoing, "control-out");
    }

    public bool TryReceive(out ControlMessage message) => _received.TryDequeue(out message);

    /// <summary>Sends a message; failures are logged and the toolbar goes quiet, the capture goes on.</summary>
    public void Send(ToolbarControl control, ControlCommand command, byte[] payload) =>
        Send(new ControlMessage((byte)control, command, payload));

    public void Send(ControlMessage message)
    {
        lock (_sendGate)
        {
            if (_outgoingBroken)
            {
                return;
            }
            if (_out is null)
            {
                if (_pending.Count < MaxPendingMessages)
                {
                    _pending.Enqueue(message);
                }
                return;
            }
            Write(message);
        }
    }

    public void Dispose()
    {
        lock (_sendGate)
        {
            _outgoingBroken = true;
            _out?.Dispose();
        }
    }

    private static void StartThread(Action body, string name)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
    }

    private void OpenOutgoing()
    {
        Stream stream;
        try
        {
            stream = PipeEnds.OpenForWriting(_outPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            Log.ControlPipeClosed(_logger, Outgoing, e.Message);
            lock (_sendGate)
            {
                _outgoingBroken = true;
            }
            return;
        }

        Log.ControlPipeOpened(_logger, Outgoing, _outPath);
        lock (_sendGate)
        {
            _out = stream;
            while (!_outgoingBroken && _pending.TryDequeue(out var message))
            {
                Write(message);
            }
        }
    }

    /// <summary>Writes under <see cref="_sendGate"/>.</summary>
    private void Write(ControlMessage message)
    {
        try
        {
            _out!.Write(message.Encode()); // Callers hold the gate and checked that _out is set.
            _out.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _outgoingBroken = true;
            Log.ControlPipeClosed(_logger, Outgoing, e.Message);
        }
    }

    private void ReadIncoming()
    {
        try
        {
            using var stream = PipeEnds.OpenForReading(_inPath);
            Log.ControlPipeOpened(_logger, Incoming, _inPath);

            var buffer = new byte[ReadBufferBytes];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    break;
                }
                filled += read;
                filled = DecodeAll(buffer, filled);
            }
            Log.ControlPipeClosed(_logger, Incoming, "end of stream");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            Log.ControlPipeClosed(_logger, Incoming, e.Message);
        }
        _incomingClosed = true;
    }

    /// <summary>Queues every whole message in the buffer; returns how many bytes remain.</summary>
    private int DecodeAll(byte[] buffer, int filled)
    {
        var offset = 0;
        while (ControlMessage.TryDecode(buffer.AsSpan(offset, filled - offset), out var message,
            out var consumed, out var isToolbarMessage))
        {
            offset += consumed;
            if (isToolbarMessage)
            {
                Log.ControlMessageReceived(_logger, message.ControlNumber, message.Command.ToString(),
                    message.Payload.Length);
                _received.Enqueue(message);
            }
        }
        buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
        return filled - offset;
    }
}

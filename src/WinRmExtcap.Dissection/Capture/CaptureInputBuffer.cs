using System.Diagnostics;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// One large reusable buffer over a forward-only stream: callers ask for a number of bytes at the
/// current position, look at them, and consume them. Asking for more may move or replace the
/// buffer, which invalidates every span and memory handed out before.
/// </summary>
internal sealed class CaptureInputBuffer : IDisposable
{
    public const int InitialCapacity = 1 << 20;

    private readonly Stream source;
    private readonly int maxCapacity;
    private byte[] buffer = new byte[InitialCapacity];
    private int start;
    private int end;
    private long bufferOrigin;
    private bool sourceEnded;

    public CaptureInputBuffer(Stream source, int maxCapacity)
    {
        this.source = source;
        this.maxCapacity = Math.Max(maxCapacity, InitialCapacity);
    }

    /// <summary>Bytes available at the current position without reading further.</summary>
    public int Available => end - start;

    /// <summary>Bytes consumed so far.</summary>
    public long Position => bufferOrigin + start;

    /// <summary>Why the source stopped early: its content could not be decoded (corrupt gzip data).</summary>
    public string? SourceFailure { get; private set; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(start, end - start);

    public ReadOnlyMemory<byte> Memory(int offset, int length)
    {
        Debug.Assert(offset >= 0 && length >= 0 && offset + length <= Available, "slice inside the data");
        return new ReadOnlyMemory<byte>(buffer, start + offset, length);
    }

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available; false when the source ends first
    /// (or <paramref name="count"/> is beyond the capacity cap), leaving what there is available.
    /// </summary>
    public bool TryEnsure(int count)
    {
        if (end - start >= count)
        {
            return true;
        }
        if (count > maxCapacity)
        {
            return false;
        }

        MakeRoom(count);
        while (end - start < count && !sourceEnded)
        {
            int read = ReadSource();
            if (read == 0)
            {
                sourceEnded = true;
            }
            end += read;
        }
        return end - start >= count;
    }

    public void Consume(int count)
    {
        Debug.Assert(count <= end - start, "consume only what is available");
        start += count;
    }

    public void Dispose() => source.Dispose();

    private void MakeRoom(int count)
    {
        int available = end - start;
        if (count > buffer.Length)
        {
            int capacity = (int)Math.Min(maxCapacity, Math.Max((long)count, (long)buffer.Length * 2));
            var grown = new byte[capacity];
            buffer.AsSpan(start, available).CopyTo(grown);
            buffer = grown;
        }
        else if (start + count > buffer.Length)
        {
            buffer.AsSpan(start, available).CopyTo(buffer);
        }
        else
        {
            return;
        }

        bufferOrigin += start;
        start = 0;
        end = available;
    }

    private int ReadSource()
    {
        try
        {
            return source.Read(buffer, end, buffer.Length - end);
        }
        catch (InvalidDataException e)
        {
            SourceFailure = $"the compressed data is corrupt ({e.Message})";
            return 0;
        }
    }
}

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// A read-only, forward-only stream that first returns bytes already taken from an inner stream
/// (to sniff a file's magic without seeking, which pipes cannot do) and then the inner stream's
/// own bytes, counting every byte it takes from the inner stream.
/// </summary>
internal sealed class ReplayStream : Stream
{
    private readonly Stream inner;
    private readonly byte[] replay;
    private int replayOffset;

    public ReplayStream(Stream inner, byte[] replay, long alreadyCounted)
    {
        this.inner = inner;
        this.replay = replay;
        BytesTaken = alreadyCounted;
    }

    /// <summary>Bytes read from the inner stream, including those taken before this stream existed.</summary>
    public long BytesTaken { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (replayOffset < replay.Length)
        {
            int copied = Math.Min(buffer.Length, replay.Length - replayOffset);
            replay.AsSpan(replayOffset, copied).CopyTo(buffer);
            replayOffset += copied;
            return copied;
        }

        int read = inner.Read(buffer);
        BytesTaken += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

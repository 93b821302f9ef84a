namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>
/// Behaves like standard input or a FIFO: reads return at most a few bytes at a time, and seeking,
/// Length and Position throw. Writes go to an inner stream without seeking either.
/// </summary>
internal sealed class ForwardOnlyStream : Stream
{
    private readonly Stream inner;
    private readonly int maxReadLength;

    public ForwardOnlyStream(Stream inner, int maxReadLength = 7)
    {
        this.inner = inner;
        this.maxReadLength = maxReadLength;
    }

    public bool WasDisposed { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException("a pipe has no length");

    public override long Position
    {
        get => throw new NotSupportedException("a pipe has no position");
        set => throw new NotSupportedException("a pipe has no position");
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        inner.Read(buffer, offset, Math.Min(count, maxReadLength));

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a pipe cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a pipe cannot seek");

    protected override void Dispose(bool disposing)
    {
        WasDisposed = true;
        base.Dispose(disposing);
    }
}

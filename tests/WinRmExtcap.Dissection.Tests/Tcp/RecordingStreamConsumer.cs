using WinRmExtcap.Dissection.Tcp;

namespace WinRmExtcap.Dissection.Tests.Tcp;

/// <summary>Keeps what a reassembler delivered: the bytes in order, and every gap with its cause.</summary>
internal sealed class RecordingStreamConsumer : ITcpStreamConsumer
{
    private readonly List<byte> _data = [];

    /// <summary>Called after each delivery; lets a test act from inside the consumer (Release).</summary>
    public Action? AfterData { get; set; }

    public byte[] Data => [.. _data];

    public int DataCalls { get; private set; }

    public List<(long MissingBytes, GapCause Cause)> Gaps { get; } = [];

    public void OnData(ReadOnlySpan<byte> data)
    {
        DataCalls++;
        _data.AddRange(data);
        AfterData?.Invoke();
    }

    public void OnGap(long missingBytes, GapCause cause) => Gaps.Add((missingBytes, cause));
}

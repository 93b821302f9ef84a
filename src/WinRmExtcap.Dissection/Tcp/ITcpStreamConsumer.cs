namespace WinRmExtcap.Dissection.Tcp;

/// <summary>Receives one direction of a TCP connection as an ordered byte stream.</summary>
public interface ITcpStreamConsumer
{
    /// <summary>The next contiguous bytes of the stream. The span is valid only during the call.</summary>
    void OnData(ReadOnlySpan<byte> data);

    /// <summary>
    /// Bytes that will never arrive: segments missing from the capture, cut by the snap length, or
    /// dropped at a cap. The stream goes on after them.
    /// </summary>
    void OnGap(long missingBytes, GapCause cause);
}

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// The TCP segment a frame carries, located inside the frame's captured bytes.
/// </summary>
/// <param name="Source">Sender address and port.</param>
/// <param name="Destination">Receiver address and port.</param>
/// <param name="SequenceNumber">Sequence number of the first payload byte (or of the SYN/FIN).</param>
/// <param name="AcknowledgementNumber">Acknowledgement number (meaningful when ACK is set).</param>
/// <param name="Flags">Control bits.</param>
/// <param name="PayloadOffset">Offset of the TCP payload within the captured frame bytes.</param>
/// <param name="CapturedPayloadLength">Payload bytes present in the capture.</param>
/// <param name="WirePayloadLength">
/// Payload length the IP header declares; larger than <paramref name="CapturedPayloadLength"/>
/// when the snap length cut the frame.
/// </param>
public readonly record struct TcpSegment(
    NetworkEndpoint Source,
    NetworkEndpoint Destination,
    uint SequenceNumber,
    uint AcknowledgementNumber,
    TcpFlags Flags,
    int PayloadOffset,
    int CapturedPayloadLength,
    int WirePayloadLength)
{
    public bool HasFlag(TcpFlags flag) => (Flags & flag) == flag;
}

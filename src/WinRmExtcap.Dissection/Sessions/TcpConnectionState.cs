using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>The tracker's working state for one TCP connection: both directions and the summary.</summary>
internal sealed class TcpConnectionState
{
    public TcpConnectionState(TlsConnection summary, TlsDirection lowerToUpper, TlsDirection upperToLower)
    {
        Summary = summary;
        LowerToUpper = lowerToUpper;
        UpperToLower = upperToLower;
    }

    public TlsConnection Summary { get; }

    public TlsDirection LowerToUpper { get; }

    public TlsDirection UpperToLower { get; }

    public bool IsTls { get; set; }

    /// <summary>True when a key log could open this connection's TLS 1.3 handshake.</summary>
    public bool Decryptable { get; set; }

    public bool LowerFinished { get; set; }

    public bool UpperFinished { get; set; }

    public TlsDirection From(NetworkEndpoint sender) => sender == LowerToUpper.Sender ? LowerToUpper : UpperToLower;

    public bool BothDirectionsDone =>
        (LowerToUpper.IsDone || LowerToUpper.Parser.IsNotTls) && (UpperToLower.IsDone || UpperToLower.Parser.IsNotTls);
}

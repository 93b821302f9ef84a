using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>One time a certificate was carried: which capture, which connection, which frame.</summary>
public sealed record CertificateCarrier(
    string Capture,
    NetworkEndpoint Client,
    NetworkEndpoint Server,
    CertificateRole Role,
    int ChainPosition,
    long FrameNumber,
    DateTimeOffset Timestamp);

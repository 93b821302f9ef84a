using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Tests.Sessions;

/// <summary>Keeps every event a <see cref="ConnectionTracker"/> raised, in order.</summary>
internal sealed class RecordingObserver : IDissectionObserver
{
    public List<CertificateChainSeen> Chains { get; } = [];

    public List<(TlsConnection Connection, long FrameNumber)> ServerHellos { get; } = [];

    public List<(TlsConnection Connection, long FrameNumber)> Resumptions { get; } = [];

    public List<TlsConnection> Finished { get; } = [];

    public void OnCertificateChain(CertificateChainSeen chain) => Chains.Add(chain);

    public void OnServerHello(TlsConnection connection, long frameNumber) =>
        ServerHellos.Add((connection, frameNumber));

    public void OnResumption(TlsConnection connection, long frameNumber) => Resumptions.Add((connection, frameNumber));

    public void OnConnectionFinished(TlsConnection connection) => Finished.Add(connection);
}

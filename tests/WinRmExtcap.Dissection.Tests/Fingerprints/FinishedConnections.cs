using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Tests.Fingerprints;

/// <summary>Reads a capture through the tracker and keeps every finished TLS connection.</summary>
internal sealed class FinishedConnections : IDissectionObserver
{
    private readonly List<TlsConnection> _connections = [];

    public IReadOnlyList<TlsConnection> Connections => _connections;

    public void OnConnectionFinished(TlsConnection connection) => _connections.Add(connection);

    public static IReadOnlyList<TlsConnection> Read(string capturePath)
    {
        var observer = new FinishedConnections();
        using var reader = CaptureReader.Open(capturePath);
        CaptureAnalysis.Run(reader, new ConnectionTracker(new TrackerOptions(), observer));
        return observer.Connections;
    }
}

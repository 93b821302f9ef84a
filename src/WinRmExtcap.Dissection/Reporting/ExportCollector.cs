using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Gathers, across one or more captures, each distinct certificate and the connections that
/// carried it. Keeps at most <see cref="MaxCarriersPerCertificate"/> carriers per certificate
/// (the first ones) and counts the rest, so memory stays bounded on any capture.
/// </summary>
public sealed class ExportCollector : IDissectionObserver
{
    /// <summary>Carriers listed per certificate; further ones are only counted.</summary>
    public const int MaxCarriersPerCertificate = 1000;

    private const int MaxListedProblems = 100;

    private readonly Dictionary<Thumbprint, ExportedCertificate> _byThumbprint = [];
    private readonly List<ExportedCertificate> _inOrder = [];
    private readonly List<string> _decryptionProblems = [];
    private readonly Action<CertificateRecord>? _onNewCertificate;

    /// <param name="onNewCertificate">Called once per distinct certificate when first seen.</param>
    public ExportCollector(Action<CertificateRecord>? onNewCertificate = null)
    {
        _onNewCertificate = onNewCertificate;
    }

    /// <summary>The capture now being read; carriers are labelled with it.</summary>
    public string CurrentCapture { get; set; } = string.Empty;

    /// <summary>Distinct certificates in order of first appearance.</summary>
    public IReadOnlyList<ExportedCertificate> Certificates => _inOrder;

    /// <summary>Connections a key log was given for but could not open, one line each (the first 100).</summary>
    public IReadOnlyList<string> DecryptionProblems => _decryptionProblems;

    /// <summary>All connections with a decryption problem, including those not listed.</summary>
    public long DecryptionProblemCount { get; private set; }

    /// <summary>TLS 1.3 connections whose server certificate stayed encrypted.</summary>
    public long EncryptedCertificateConnections { get; private set; }

    /// <summary>Connections whose server certificate the capture lost (snap length, missing segments).</summary>
    public long CertificateLostConnections { get; private set; }

    /// <summary>Of those, connections where the snap length cut the packets.</summary>
    public long CutBySnapLengthConnections { get; private set; }

    public void OnConnectionFinished(TlsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        switch (connection.Outcome)
        {
            case ConnectionOutcome.Tls13CertificateEncrypted:
                EncryptedCertificateConnections++;
                break;
            case ConnectionOutcome.CertificateLostToCapture:
                CertificateLostConnections++;
                if (connection.ServerLossCause == Tcp.GapCause.SnapLength)
                {
                    CutBySnapLengthConnections++;
                }
                break;
            default:
                break;
        }
        if (connection.DecryptionProblem is not { } problem
            || connection.Chains.Any(c => c.Role == CertificateRole.Server))
        {
            return;
        }
        DecryptionProblemCount++;
        if (_decryptionProblems.Count < MaxListedProblems)
        {
            _decryptionProblems.Add($"{CurrentCapture}: {connection.Client} -> {connection.Server}: {problem}");
        }
    }

    public void OnCertificateChain(CertificateChainSeen chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        for (var i = 0; i < chain.Chain.Count; i++)
        {
            var certificate = chain.Chain[i];
            if (!_byThumbprint.TryGetValue(certificate.Thumbprint, out var exported))
            {
                exported = new ExportedCertificate(certificate);
                _byThumbprint.Add(certificate.Thumbprint, exported);
                _inOrder.Add(exported);
                _onNewCertificate?.Invoke(certificate);
            }
            exported.Add(new CertificateCarrier(CurrentCapture, chain.Connection.Client, chain.Connection.Server,
                chain.Role, i, chain.FrameNumber, chain.Timestamp));
        }
    }
}

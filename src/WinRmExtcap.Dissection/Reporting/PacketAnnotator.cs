using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Runs the dissector over packets one at a time, in capture order, and says which comments each
/// packet should carry: the packet that completes a Certificate message gets one comment per
/// certificate (see <see cref="CertificateComment"/>); a TLS 1.3 ServerHello and a resumed
/// handshake get one saying why no certificate is visible. Shared by the extcap (live) and
/// <c>winrm-certs annotate</c> (files), so both write the same comments.
/// </summary>
public sealed class PacketAnnotator : IDissectionObserver
{
    private readonly AnnotationOptions _options;
    private readonly ConnectionTracker _tracker;
    private readonly Dictionary<(NetworkEndpoint Server, string? Sni), Thumbprint> _lastLeaf = [];
    private readonly List<string> _pending = [];
    private readonly HashSet<long> _decryptionFailureNoted = [];

    public PacketAnnotator(AnnotationOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var trackerOptions = new TrackerOptions
        {
            Ports = options.Ports,
            KeyLog = options.KeyLog,
            GrowingKeyLog = options.GrowingKeyLog,
        };
        _tracker = new ConnectionTracker(trackerOptions, this, loggerFactory?.CreateLogger<ConnectionTracker>());
    }

    /// <summary>Every distinct certificate seen so far, in order of first appearance.</summary>
    public IReadOnlyCollection<CertificateRecord> Certificates => _tracker.Certificates;

    /// <summary>The counters of the dissector underneath.</summary>
    public TrackerCounters Counters => _tracker.Counters;

    /// <summary>Raised for each certificate the first time it is seen, with its comment text.</summary>
    public event Action<CertificateRecord, string>? NewCertificate;

    /// <summary>
    /// Feeds <paramref name="packet"/> through the dissector and returns the comments it should
    /// carry (often none). The list is fresh on each call.
    /// </summary>
    public IReadOnlyList<string> Annotate(in CapturedPacket packet)
    {
        _pending.Clear();
        _tracker.Process(packet);
        return _pending.Count == 0 ? [] : [.. _pending];
    }

    /// <summary>Adds TLS secrets the capture itself carries (pcapng Decryption Secrets Blocks).</summary>
    public void AddSecrets(KeyLog secrets) => _tracker.AddSecrets(secrets);

    /// <summary>The capture ended; connections still open are closed (no comments result).</summary>
    public void Complete() => _tracker.Complete();

    void IDissectionObserver.OnCertificateChain(CertificateChainSeen chain)
    {
        Thumbprint? replaced = null;
        bool? expectedMatch = null;
        if (chain.Role == CertificateRole.Server)
        {
            var key = (chain.Connection.Server, chain.Connection.ServerName);
            var leaf = chain.Chain[0].Thumbprint;
            if (_lastLeaf.TryGetValue(key, out var previous) && previous != leaf)
            {
                replaced = previous;
            }
            _lastLeaf[key] = leaf;
            if (_options.ExpectedThumbprints.Count > 0)
            {
                expectedMatch = _options.ExpectedThumbprints.Contains(leaf);
            }
        }

        for (var i = 0; i < chain.Chain.Count; i++)
        {
            var isLeaf = i == 0;
            var comment = CertificateComment.ForCertificate(chain, i, isLeaf ? replaced : null,
                isLeaf ? expectedMatch : null);
            _pending.Add(comment);
            if (chain.IsNew[i])
            {
                NewCertificate?.Invoke(chain.Chain[i], comment);
            }
        }
    }

    void IDissectionObserver.OnServerHello(TlsConnection connection, long frameNumber)
    {
        if (connection.IsTls13 && !connection.IsResumed && !connection.KeysAvailable)
        {
            _pending.Add(CertificateComment.ForHiddenCertificate(connection, "tls13-encrypted",
                "TLS 1.3 encrypts the certificate; a TLS key log or winrm-certs probe --tls12 reveals it"));
        }
    }

    void IDissectionObserver.OnDecryptionFailed(TlsConnection connection, long frameNumber)
    {
        if (!connection.Chains.Any(c => c.Role == CertificateRole.Server) && _decryptionFailureNoted.Add(connection.Id))
        {
            _pending.Add(CertificateComment.ForHiddenCertificate(connection, "keys-do-not-decrypt",
                connection.DecryptionProblem ?? "the key log's secrets do not decrypt this TLS 1.3 handshake"));
        }
    }

    void IDissectionObserver.OnResumption(TlsConnection connection, long frameNumber) =>
        _pending.Add(CertificateComment.ForHiddenCertificate(connection, "resumed",
            "session resumed; the certificate was sent in the earlier full handshake"));
}

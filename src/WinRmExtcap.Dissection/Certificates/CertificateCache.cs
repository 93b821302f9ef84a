namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// Distinct certificates by thumbprint, so that a certificate presented on a thousand connections
/// is decoded once and kept once.
/// </summary>
public sealed class CertificateCache
{
    private readonly Dictionary<Thumbprint, CertificateRecord> _byThumbprint = [];
    private readonly List<CertificateRecord> _inOrder = [];

    /// <summary>Every distinct certificate, in order of first appearance.</summary>
    public IReadOnlyList<CertificateRecord> All => _inOrder;

    /// <summary>Returns the record for <paramref name="der"/>, decoding it the first time.</summary>
    public CertificateRecord GetOrAdd(ReadOnlySpan<byte> der, out bool isNew)
    {
        var thumbprint = Thumbprint.Of(der);
        if (_byThumbprint.TryGetValue(thumbprint, out var known))
        {
            isNew = false;
            return known;
        }

        var record = CertificateRecord.FromDer(der.ToArray());
        _byThumbprint.Add(thumbprint, record);
        _inOrder.Add(record);
        isNew = true;
        return record;
    }
}

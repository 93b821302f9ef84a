using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>A distinct certificate and the carriers that brought it.</summary>
public sealed class ExportedCertificate
{
    private readonly List<CertificateCarrier> _carriers = [];

    internal ExportedCertificate(CertificateRecord certificate) => Certificate = certificate;

    public CertificateRecord Certificate { get; }

    /// <summary>The first carriers, at most <see cref="ExportCollector.MaxCarriersPerCertificate"/>.</summary>
    public IReadOnlyList<CertificateCarrier> Carriers => _carriers;

    /// <summary>How many times it was carried in all.</summary>
    public long TimesSeen { get; private set; }

    /// <summary>Where it was written, once it was.</summary>
    public string? FilePath { get; set; }

    internal void Add(CertificateCarrier carrier)
    {
        TimesSeen++;
        if (_carriers.Count < ExportCollector.MaxCarriersPerCertificate)
        {
            _carriers.Add(carrier);
        }
    }
}

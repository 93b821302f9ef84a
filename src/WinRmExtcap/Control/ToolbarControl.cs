namespace WinRmExtcap.Control;

/// <summary>The controls of this extcap's interface toolbar, by their control number.</summary>
internal enum ToolbarControl : byte
{
    /// <summary>A read-only text field holding the number of distinct certificates seen.</summary>
    CertificateCount = 0,

    /// <summary>A button that saves every certificate seen so far to the certificate folder.</summary>
    SaveCertificates = 1,

    /// <summary>The toolbar's log window: one line per new certificate.</summary>
    CertificateLog = 2,
}

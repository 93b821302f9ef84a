namespace WinRmExtcap.Dissection.Capture;

/// <summary>Fixed sizes and values of the classic pcap format (draft-ietf-opsawg-pcap).</summary>
internal static class PcapFormat
{
    /// <summary>Magic of a file with microsecond timestamps, as read in the file's own byte order.</summary>
    public const uint MicrosecondMagic = 0xA1B2_C3D4;

    /// <summary>Magic of a file with nanosecond timestamps, as read in the file's own byte order.</summary>
    public const uint NanosecondMagic = 0xA1B2_3C4D;

    /// <summary>Magic, major and minor version, reserved (2 x 4), SnapLen, LinkType and flags.</summary>
    public const int FileHeaderLength = 4 + 2 + 2 + 4 + 4 + 4 + 4;

    public const int SnapLengthOffset = 16;

    public const int LinkTypeOffset = 20;

    /// <summary>Timestamp seconds and fraction, captured length, original length.</summary>
    public const int RecordHeaderLength = 4 + 4 + 4 + 4;

    /// <summary>
    /// The link-type field's low 26 bits name the link type; the bits above carry the FCS length
    /// and its presence flag, which this project does not use.
    /// </summary>
    public const uint LinkTypeMask = 0x03FF_FFFF;
}

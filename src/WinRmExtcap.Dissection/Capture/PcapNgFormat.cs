namespace WinRmExtcap.Dissection.Capture;

/// <summary>Fixed sizes and values of the pcapng format (draft-ietf-opsawg-pcapng).</summary>
internal static class PcapNgFormat
{
    /// <summary>Byte-order magic of a Section Header Block, as written in the section's byte order.</summary>
    public const uint ByteOrderMagic = 0x1A2B_3C4D;

    public const ushort MajorVersion = 1;

    public const ushort MinorVersion = 0;

    /// <summary>Block Type and Block Total Length before the body.</summary>
    public const int BlockHeaderLength = 8;

    /// <summary>The repeated Block Total Length after the body.</summary>
    public const int BlockTrailerLength = 4;

    public const int MinimumBlockLength = BlockHeaderLength + BlockTrailerLength;

    /// <summary>Byte-order magic, major, minor, section length.</summary>
    public const int SectionHeaderFixedLength = 4 + 2 + 2 + 8;

    /// <summary>LinkType, reserved, SnapLen.</summary>
    public const int InterfaceDescriptionFixedLength = 2 + 2 + 4;

    /// <summary>Interface ID, timestamp high and low, captured and original length.</summary>
    public const int EnhancedPacketFixedLength = 4 + 4 + 4 + 4 + 4;

    /// <summary>Interface ID and drops count (16 bits each), then as in an Enhanced Packet Block.</summary>
    public const int ObsoletePacketFixedLength = 2 + 2 + 4 + 4 + 4 + 4;

    /// <summary>Original packet length.</summary>
    public const int SimplePacketFixedLength = 4;

    /// <summary>Secrets type and secrets length.</summary>
    public const int DecryptionSecretsFixedLength = 4 + 4;

    /// <summary>Option code and option length.</summary>
    public const int OptionHeaderLength = 2 + 2;

    /// <summary>if_tsresol bit that selects a power of two instead of a power of ten.</summary>
    public const byte BinaryResolutionFlag = 0x80;

    /// <summary>Every block and every option value is padded to a multiple of this.</summary>
    public const int Alignment = 4;

    public static int Pad(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}

namespace WinRmExtcap.Dissection.Capture;

/// <summary>pcapng block type codes (draft-ietf-opsawg-pcapng, section 10.1).</summary>
internal enum PcapNgBlockType : uint
{
    InterfaceDescription = 0x0000_0001,
    ObsoletePacket = 0x0000_0002,
    SimplePacket = 0x0000_0003,
    EnhancedPacket = 0x0000_0006,
    DecryptionSecrets = 0x0000_000A,
    SectionHeader = 0x0A0D_0D0A,
}

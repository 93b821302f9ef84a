using System.Buffers.Binary;
using WinRmExtcap.Dissection.Capture;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Capture.CaptureTestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>Damaged captures: truncation at every byte, impossible lengths, byte-flip fuzzing.</summary>
public sealed partial class CaptureReaderTests
{
    private const int MagicLength = 4;

    [Fact]
    public void TryReadNext_TruncatedRecord_ReturnsDamagedEveryTime()
    {
        var full = Convert.FromHexString(PcapMicroLittleEndian + SecondMicroRecord);
        using var reader = OpenBytes(full[..^1]);

        var first = reader.TryReadNext(out _);
        var second = reader.TryReadNext(out _);
        var again = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Packet, first);
        Assert.Equal(CaptureReadStatus.Damaged, second);
        Assert.Equal(CaptureReadStatus.Damaged, again);
        Assert.Equal(
            "cut short in the middle of packet 2 (record header says 1 bytes, 0 present)",
            reader.DamageReason);
    }

    [Fact]
    public void TryReadNext_CapturedLengthAboveTheCap_ReturnsDamaged()
    {
        var file = Convert.FromHexString(PcapMicroBigEndian);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(24 + 8), CaptureReader.MaxCapturedLength + 1U);
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal(
            "packet 1 claims 16777217 captured bytes, more than the 16777216 this reader accepts",
            reader.DamageReason);
    }

    [Fact]
    public void TryReadNext_PcapHeaderCutShort_ReturnsDamaged()
    {
        using var reader = OpenBytes(Convert.FromHexString(PcapNanoBigEndian)[..10]);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal("cut short in the file header (24 bytes expected, 10 present)", reader.DamageReason);
    }

    [Theory]
    [InlineData(false, 0x34, "packet 1 at byte 56 has length 48 in its header but 52 in its trailer")]
    [InlineData(true, 0x34, "cut short in the middle of packet 1 (block header says 52 bytes, 48 present)")]
    [InlineData(true, 0x0A, "impossible length 10 in the header of packet 1 at byte 56")]
    [InlineData(true, 0x2E, "impossible length 46 in the header of packet 1 at byte 56")]
    public void TryReadNext_BadBlockLength_ReturnsDamaged(bool inHeader, byte replacement, string expectedReason)
    {
        var file = Convert.FromHexString(SmallPcapNg);
        int lengthOffset = inHeader ? 56 + 4 : file.Length - 4;
        Assert.Equal(0x30, file[lengthOffset]);
        file[lengthOffset] = replacement;
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal(expectedReason, reader.DamageReason);
    }

    [Fact]
    public void TryReadNext_UnknownByteOrderMagic_ReturnsDamaged()
    {
        var file = Convert.FromHexString(SmallPcapNg);
        file[8] = 0x00;
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal("section header at byte 0 has an unknown byte-order magic (003C2B1A)", reader.DamageReason);
    }

    public static TheoryData<string> SmallCaptures => new()
    {
        PcapMicroLittleEndian + SecondMicroRecord,
        PcapNanoBigEndian,
        SmallPcapNg,
        Convert.ToHexString(SeveralBlockKinds().ToArray()),
    };

    [Theory]
    [MemberData(nameof(SmallCaptures))]
    public void TryReadNext_EveryTruncatedPrefix_EndsCleanOnlyAtABoundary(string hex)
    {
        var full = Convert.FromHexString(hex);
        var boundaries = CleanCutPoints(full);

        for (int length = MagicLength; length < full.Length; length++)
        {
            var (packets, final) = ReadAll(full[..length]);

            var expected = boundaries.Contains(length) ? CaptureReadStatus.EndOfCapture : CaptureReadStatus.Damaged;
            Assert.True(expected == final, $"prefix of {length} bytes gave {final} after {packets.Count} packets");
        }
    }

    [Theory]
    [MemberData(nameof(SmallCaptures))]
    public void Open_PrefixShorterThanTheMagic_ThrowsFormatError(string hex)
    {
        var full = Convert.FromHexString(hex);

        for (int length = 1; length < MagicLength; length++)
        {
            Assert.Throws<CaptureFormatException>(() => OpenBytes(full[..length]));
        }
    }

    [Theory]
    [MemberData(nameof(SmallCaptures))]
    public void TryReadNext_EveryByteFlipped_NeverThrows(string hex)
    {
        var full = Convert.FromHexString(hex);
        byte[] masks = [0x01, 0x10, 0x80, 0xFF];

        int reads = 0;
        foreach (byte mask in masks)
        {
            for (int offset = MagicLength; offset < full.Length; offset++)
            {
                var file = (byte[])full.Clone();
                file[offset] ^= mask;
                reads += ReadAll(file).Packets.Count + 1;
            }
        }

        Assert.True(reads > full.Length);
    }

    [Fact]
    public void TryReadNext_RandomCorruption_NeverThrows()
    {
        var full = SeveralBlockKinds().ToArray();
        var random = new Random(20260101);

        var statuses = new HashSet<CaptureReadStatus>();
        for (int round = 0; round < 3000; round++)
        {
            var file = (byte[])full.Clone();
            int flips = random.Next(1, 6);
            for (int i = 0; i < flips; i++)
            {
                file[random.Next(MagicLength, file.Length)] = (byte)random.Next(256);
            }
            statuses.Add(ReadAll(file[..random.Next(MagicLength, file.Length + 1)]).Final);
        }

        Assert.Contains(CaptureReadStatus.Damaged, statuses);
    }

    [Fact]
    public void TryReadNext_CorruptGzipData_ReturnsDamagedWithoutThrowing()
    {
        var compressed = Gzip(SeveralBlockKinds().ToArray());
        int damaged = 0;

        for (int offset = 12; offset < compressed.Length - 8; offset++)
        {
            var file = (byte[])compressed.Clone();
            file[offset] ^= 0x5A;
            try
            {
                damaged += ReadAll(file).Final == CaptureReadStatus.Damaged ? 1 : 0;
            }
            catch (CaptureFormatException)
            {
                // A flip inside the first compressed bytes can hide the magic; that is a format error.
                damaged++;
            }
        }

        Assert.True(damaged > 0);
    }

    private static PcapNgBuilder SeveralBlockKinds() => new PcapNgBuilder()
        .Section()
        .Interface(linkType: 1, snapLength: 8, name: "lo", resolution: 9)
        .EnhancedPacket(0, 1, [1, 2, 3], 3, "a comment")
        .DecryptionSecrets(DecryptionSecrets.TlsKeyLog, [0x41, 0x42])
        .SimplePacket(9, [1, 2, 3, 4, 5, 6, 7, 8])
        .Section(bigEndianSection: true)
        .Interface(linkType: 101, resolution: 0x94)
        .ObsoletePacket(0, 5, [7])
        .Block(0x0000_0BAD, [0, 0, 0, 0]);

    /// <summary>Offsets where a cut leaves only whole records or blocks behind.</summary>
    private static HashSet<int> CleanCutPoints(byte[] file)
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(file) == 0x0A0D0D0A)
        {
            var cuts = new HashSet<int>();
            bool sectionBigEndian = false;
            int offset = 0;
            while (offset < file.Length)
            {
                if (BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset)) == 0x0A0D0D0A)
                {
                    sectionBigEndian = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8)) == 0x1A2B3C4D;
                }
                offset += (int)(sectionBigEndian
                    ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 4))
                    : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4)));
                cuts.Add(offset);
            }
            return cuts;
        }

        var pcapCuts = new HashSet<int>();
        bool bigEndian = BinaryPrimitives.ReadUInt32BigEndian(file) is 0xA1B2C3D4 or 0xA1B23C4D;
        for (int offset = 24; offset <= file.Length;)
        {
            pcapCuts.Add(offset);
            if (offset + 16 > file.Length)
            {
                break;
            }
            uint capturedLength = bigEndian
                ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8))
                : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            offset += 16 + (int)capturedLength;
        }
        return pcapCuts;
    }
}

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// How an interface counts time: ticks of 10^-n or 2^-n seconds (pcapng if_tsresol) since the
/// Unix epoch plus a whole-second offset (if_tsoffset).
/// </summary>
/// <param name="IsBinary">True for 2^-<paramref name="Exponent"/>, false for 10^-<paramref name="Exponent"/>.</param>
/// <param name="Exponent">The n of the resolution.</param>
/// <param name="OffsetSeconds">Seconds added to every timestamp.</param>
internal readonly record struct TimestampResolution(bool IsBinary, byte Exponent, long OffsetSeconds)
{
    /// <summary>The largest decimal exponent whose ticks per second fit in 64 bits.</summary>
    public const byte MaxDecimalExponent = 19;

    /// <summary>The largest binary exponent whose ticks per second fit in 64 bits.</summary>
    public const byte MaxBinaryExponent = 63;

    private const int NanosecondDigits = 9;

    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The most whole seconds that still leave room for any fraction in a long of nanoseconds.</summary>
    private const long MaxWholeSeconds = (long.MaxValue - (NanosecondsPerSecond - 1)) / NanosecondsPerSecond;

    private static readonly ulong[] PowersOfTen = CreatePowersOfTen();

    public static TimestampResolution Microseconds { get; } = new(false, 6, 0);

    public static TimestampResolution Nanoseconds { get; } = new(false, NanosecondDigits, 0);

    /// <summary>False when the ticks per second do not fit in 64 bits.</summary>
    public bool IsValid => IsBinary ? Exponent <= MaxBinaryExponent : Exponent <= MaxDecimalExponent;

    public ulong TicksPerSecond => IsBinary ? 1UL << Exponent : PowersOfTen[Exponent];

    /// <summary>Decodes an if_tsresol option byte.</summary>
    public static TimestampResolution FromOptionByte(byte value, long offsetSeconds) =>
        new((value & PcapNgFormat.BinaryResolutionFlag) != 0,
            (byte)(value & ~PcapNgFormat.BinaryResolutionFlag),
            offsetSeconds);

    /// <summary>
    /// Converts ticks to nanoseconds since the Unix epoch, exactly where the resolution allows and
    /// rounding toward zero below a nanosecond. Times beyond what a long of nanoseconds holds
    /// (before 1677 or after 2262, which only nonsense ticks or offsets produce) are clamped to
    /// <see cref="long.MinValue"/> or <see cref="long.MaxValue"/>.
    /// </summary>
    public long ToUnixNanoseconds(ulong ticks)
    {
        ulong ticksPerSecond = TicksPerSecond;
        ulong seconds = ticks / ticksPerSecond;
        ulong remainder = ticks - (seconds * ticksPerSecond);

        ulong fractionNs;
        if (IsBinary)
        {
            // remainder < 2^Exponent, so remainder * 10^9 / 2^Exponent < 10^9; the 128-bit
            // product keeps it exact for every exponent up to 63.
            ulong high = Math.BigMul(remainder, (ulong)NanosecondsPerSecond, out ulong low);
            fractionNs = Exponent == 0 ? 0 : (low >> Exponent) | (high << (64 - Exponent));
        }
        else if (Exponent <= NanosecondDigits)
        {
            fractionNs = remainder * PowersOfTen[NanosecondDigits - Exponent];
        }
        else
        {
            fractionNs = remainder / PowersOfTen[Exponent - NanosecondDigits];
        }

        if (seconds > MaxWholeSeconds || OffsetSeconds > MaxWholeSeconds)
        {
            return long.MaxValue;
        }
        if (OffsetSeconds < -MaxWholeSeconds)
        {
            return long.MinValue;
        }

        long sinceEpochNs = ((long)seconds * NanosecondsPerSecond) + (long)fractionNs;
        long offsetNs = OffsetSeconds * NanosecondsPerSecond;
        return offsetNs > 0 && sinceEpochNs > long.MaxValue - offsetNs
            ? long.MaxValue
            : sinceEpochNs + offsetNs;
    }

    /// <summary>Converts nanoseconds since the Unix epoch to ticks of a decimal resolution of at most 10^-9.</summary>
    public static ulong ToDecimalTicks(long timestampNs, byte decimalDigits) =>
        (ulong)timestampNs / PowersOfTen[NanosecondDigits - decimalDigits];

    private static ulong[] CreatePowersOfTen()
    {
        var powers = new ulong[MaxDecimalExponent + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}

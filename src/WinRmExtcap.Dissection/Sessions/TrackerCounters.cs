using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>What a run saw, dropped and could not read; shown to the user at the end.</summary>
public sealed class TrackerCounters
{
    private readonly long[] _byDecodeStatus = new long[Enum.GetValues<FrameDecodeStatus>().Length];

    public long Packets { get; internal set; }

    public long TcpConnections { get; internal set; }

    public long TlsConnections { get; internal set; }

    /// <summary>Connections finished early because the connection table was full.</summary>
    public long ConnectionsEvicted { get; internal set; }

    public long CertificateMessages { get; internal set; }

    /// <summary>Certificate messages whose layout was broken.</summary>
    public long MalformedCertificateMessages { get; internal set; }

    public ReassemblyCounters Reassembly { get; } = new();

    public long FramesWith(FrameDecodeStatus status) => _byDecodeStatus[(int)status];

    internal void Count(FrameDecodeStatus status) => _byDecodeStatus[(int)status]++;
}

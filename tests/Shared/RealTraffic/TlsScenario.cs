namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>The kinds of real TLS traffic <see cref="CaptureScenarios"/> can record.</summary>
public enum TlsScenario
{
    /// <summary>openssl presents certificate A on several connections, then the renewed B (same subject).</summary>
    Renewal,

    /// <summary>An SslStream server presents A, then B, then A again (a renewal rolled back).</summary>
    Rollback,

    /// <summary>root, two intermediates and a leaf over a 600-byte MTU, so the chain spans many segments.</summary>
    LongChainSmallMtu,

    /// <summary>A TLS 1.2 session over IPv6 loopback (::1).</summary>
    Ipv6,

    /// <summary>Traffic across a veth link, captured on the parent interface with 802.1Q tags.</summary>
    Vlan,

    /// <summary>A capture on <c>-i any</c> with Linux cooked-mode v2 headers.</summary>
    LinuxCookedV2,

    /// <summary>A TLS 1.3 session; the certificate is encrypted, readable only with the key log.</summary>
    Tls13,

    /// <summary>TLS 1.3 where the server's group choice forces a HelloRetryRequest.</summary>
    HelloRetryRequest,

    /// <summary>A full TLS 1.2 handshake, then an abbreviated one resuming it (no Certificate message).</summary>
    Resumption,

    /// <summary>The server asks for and receives a client certificate.</summary>
    ClientCertificate,

    /// <summary>The client does not trust the server's authority and aborts with an unknown_ca alert.</summary>
    HandshakeFailure,

    /// <summary>A 200-byte snap length cuts the packet that carries the certificate.</summary>
    SnapLengthCutsCertificate,

    /// <summary>The long-chain capture with two certificate segments swapped.</summary>
    OutOfOrderSegments,

    /// <summary>The long-chain capture with a certificate segment recorded twice (a retransmission).</summary>
    RetransmittedSegment,

    /// <summary>The long-chain capture with a certificate segment missing (a gap).</summary>
    MissingSegment,

    /// <summary>The long-chain capture cut inside the record of a certificate segment.</summary>
    TruncatedFile,
}

namespace WinRmCerts.Probing;

/// <summary>Why a probe got no certificate.</summary>
public enum ProbeFailureKind
{
    /// <summary>The host name did not resolve to any address.</summary>
    NameNotResolved,

    /// <summary>Every address refused the TCP connection.</summary>
    ConnectionRefused,

    /// <summary>The TCP connection could not be made for another reason (unreachable network, reset).</summary>
    ConnectFailed,

    /// <summary>No TCP connection, or no finished handshake, within the timeout.</summary>
    TimedOut,

    /// <summary>The peer answered but the TLS handshake failed (an alert, not TLS, closed early).</summary>
    HandshakeFailed,
}

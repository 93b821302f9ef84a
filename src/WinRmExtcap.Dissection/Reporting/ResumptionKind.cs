namespace WinRmExtcap.Dissection.Reporting;

/// <summary>How an abbreviated handshake resumed an earlier session.</summary>
public enum ResumptionKind : byte
{
    /// <summary>A full handshake (or too little seen to tell).</summary>
    None,

    /// <summary>TLS 1.2 or earlier, by the session id of an earlier full handshake (RFC 5246 section 7.3).</summary>
    SessionId,

    /// <summary>TLS 1.2 or earlier, by a session ticket the client sent (RFC 5077).</summary>
    SessionTicket,

    /// <summary>TLS 1.3, by a pre-shared key from an earlier NewSessionTicket (RFC 8446 section 2.2).</summary>
    PreSharedKey,
}

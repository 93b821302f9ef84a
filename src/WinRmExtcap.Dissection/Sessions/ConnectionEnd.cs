namespace WinRmExtcap.Dissection.Sessions;

/// <summary>How a TCP connection ended within the capture.</summary>
public enum ConnectionEnd : byte
{
    /// <summary>Still open when the capture ended.</summary>
    Open,

    /// <summary>Closed with FIN.</summary>
    Closed,

    /// <summary>Reset by the client.</summary>
    ResetByClient,

    /// <summary>Reset by the server.</summary>
    ResetByServer,
}

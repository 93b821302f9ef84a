namespace WinRmExtcap.Protocol;

/// <summary>Which of the extcap protocol's calls a command line asks for.</summary>
internal enum ExtcapCall
{
    /// <summary>No extcap call: only <c>--extcap-version</c>, <c>--help</c> or nothing at all.</summary>
    None,

    /// <summary><c>--extcap-interfaces</c>: list the interface and the toolbar controls.</summary>
    Interfaces,

    /// <summary><c>--extcap-dlts</c>: list the link types of an interface.</summary>
    Dlts,

    /// <summary><c>--extcap-config</c>, possibly with <c>--extcap-reload-option</c>.</summary>
    Config,

    /// <summary><c>--extcap-capture-filter</c> without <c>--capture</c>: check a capture filter.</summary>
    ValidateCaptureFilter,

    /// <summary><c>--capture</c>: write packets to the fifo until stopped.</summary>
    Capture,
}

namespace WinRmExtcap;

/// <summary>The process exit codes of <c>winrm-extcap</c>.</summary>
internal enum ExitCode
{
    /// <summary>The call was answered, or the capture ran until it was stopped.</summary>
    Success = 0,

    /// <summary>
    /// The command line or an option value is wrong; one line on standard error says which. Wireshark
    /// throws away the output of a query that exits with this code.
    /// </summary>
    UsageError = 1,

    /// <summary>The capture could not start or broke off (device, filter, fifo or permissions).</summary>
    CaptureError = 2,

    /// <summary>A bug: an unexpected exception, reported on one line of standard error.</summary>
    InternalError = 3,
}

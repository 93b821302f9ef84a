namespace WinRmCerts.Probing;

/// <summary>
/// The monitoring-plugin states (Nagios, Icinga, Naemon), whose values are the plugin exit codes.
/// </summary>
public enum MonitoringStatus
{
    /// <summary>Everything checked is fine.</summary>
    Ok = 0,

    /// <summary>A certificate expires within the warning window.</summary>
    Warning = 1,

    /// <summary>Unreachable, no TLS, expired, not yet valid, untrusted, or the wrong name.</summary>
    Critical = 2,

    /// <summary>The check could not be made: a name that does not resolve, or unusable arguments.</summary>
    Unknown = 3,
}

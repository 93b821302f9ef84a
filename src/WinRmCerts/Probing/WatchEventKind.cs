namespace WinRmCerts.Probing;

/// <summary>What <c>probe --watch</c> noticed about an endpoint between two probes.</summary>
public enum WatchEventKind
{
    /// <summary>The first certificate seen from the endpoint.</summary>
    FirstSeen,

    /// <summary>The endpoint presents a different leaf certificate than at the previous probe.</summary>
    CertificateChanged,

    /// <summary>The days left dropped below <c>--warn-days</c>.</summary>
    WarnThresholdCrossed,

    /// <summary>The days left rose back to <c>--warn-days</c> or more (a renewal).</summary>
    WarnThresholdCleared,

    /// <summary>The certificate that was valid at the previous probe has expired.</summary>
    Expired,

    /// <summary>The probe failed after the previous one succeeded, or the first probe failed.</summary>
    Unreachable,

    /// <summary>The probe succeeded again after a failure.</summary>
    Reachable,
}

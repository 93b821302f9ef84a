using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Probing;

/// <summary>One change <c>probe --watch</c> logs.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Result">The probe that noticed it.</param>
/// <param name="Previous">The leaf thumbprint presented before, for a change.</param>
public sealed record WatchEvent(WatchEventKind Kind, ProbeResult Result, Thumbprint? Previous)
{
    /// <summary>The name in logs and in JSON <c>event.action</c>, for example <c>certificate-changed</c>.</summary>
    public string Action => Kind switch
    {
        WatchEventKind.FirstSeen => "first-seen",
        WatchEventKind.CertificateChanged => "certificate-changed",
        WatchEventKind.WarnThresholdCrossed => "warn-threshold-crossed",
        WatchEventKind.WarnThresholdCleared => "warn-threshold-cleared",
        WatchEventKind.Expired => "expired",
        WatchEventKind.Unreachable => "unreachable",
        _ => "reachable",
    };
}

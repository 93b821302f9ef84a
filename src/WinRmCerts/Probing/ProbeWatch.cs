using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Probing;

/// <summary>
/// Remembers what each endpoint presented at its last successful probe and says what changed:
/// another leaf certificate (with the old and new thumbprints), the days left crossing
/// <c>--warn-days</c> in either direction, expiry, and reachability.
/// </summary>
public sealed class ProbeWatch
{
    private readonly int _warnDays;
    private readonly Dictionary<ProbeTarget, ProbeResult> _lastSuccess = [];
    private readonly Dictionary<ProbeTarget, bool> _reachable = [];

    /// <param name="warnDays">Fewer whole days left than this is inside the warning window.</param>
    public ProbeWatch(int warnDays) => _warnDays = warnDays;

    /// <summary>The events <paramref name="result"/> brings compared with the endpoint's earlier probes.</summary>
    public IReadOnlyList<WatchEvent> Observe(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        var events = new List<WatchEvent>();
        var target = result.Target;
        var probedBefore = _reachable.TryGetValue(target, out var wasReachable);
        _reachable[target] = result.Succeeded;
        _lastSuccess.TryGetValue(target, out var last);
        if (!result.Succeeded)
        {
            if (!probedBefore || wasReachable)
            {
                events.Add(new WatchEvent(WatchEventKind.Unreachable, result, last?.Leaf?.Thumbprint));
            }
            return events;
        }

        _lastSuccess[target] = result;
        if (probedBefore && !wasReachable)
        {
            events.Add(new WatchEvent(WatchEventKind.Reachable, result, last?.Leaf?.Thumbprint));
        }
        if (last?.Leaf is not { } oldLeaf)
        {
            events.Add(new WatchEvent(WatchEventKind.FirstSeen, result, null));
            return events;
        }

        var leaf = result.Leaf!; // Succeeded means the chain has a leaf.
        if (leaf.Thumbprint != oldLeaf.Thumbprint)
        {
            events.Add(new WatchEvent(WatchEventKind.CertificateChanged, result, oldLeaf.Thumbprint));
        }
        if (IsOutsideWarning(last.Validity) && IsInsideWarning(result.Validity))
        {
            events.Add(new WatchEvent(WatchEventKind.WarnThresholdCrossed, result, oldLeaf.Thumbprint));
        }
        if (!IsOutsideWarning(last.Validity) && IsOutsideWarning(result.Validity))
        {
            events.Add(new WatchEvent(WatchEventKind.WarnThresholdCleared, result, oldLeaf.Thumbprint));
        }
        if (last.Validity?.Status == ValidityStatus.Valid && result.Validity?.Status == ValidityStatus.Expired)
        {
            events.Add(new WatchEvent(WatchEventKind.Expired, result, oldLeaf.Thumbprint));
        }
        return events;
    }

    /// <summary>Valid with at least the threshold's days left.</summary>
    private bool IsOutsideWarning(ValidityVerdict? validity) =>
        validity is { Status: ValidityStatus.Valid } verdict && verdict.WholeDaysLeft >= _warnDays;

    /// <summary>Valid with fewer days left than the threshold.</summary>
    private bool IsInsideWarning(ValidityVerdict? validity) =>
        validity is { Status: ValidityStatus.Valid } verdict && verdict.WholeDaysLeft < _warnDays;
}

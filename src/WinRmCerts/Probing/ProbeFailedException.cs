namespace WinRmCerts.Probing;

/// <summary>Carries a probe failure out of the connection steps to the one place that turns it into a result.</summary>
internal sealed class ProbeFailedException : Exception
{
    public ProbeFailedException(ProbeFailure failure)
        : base(failure.Reason)
    {
        Failure = failure;
    }

    public ProbeFailure Failure { get; }
}

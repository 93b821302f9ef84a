namespace WinRmCerts.Probing;

/// <summary>Probes many endpoints with a bound on how many handshakes run at once.</summary>
public static class ProbeRound
{
    /// <summary>The default number of probes running at once.</summary>
    public const int DefaultParallelism = 8;

    /// <summary>Probes every target; the results come back in the order of <paramref name="targets"/>.</summary>
    public static async Task<IReadOnlyList<ProbeResult>> RunAsync(
        TlsProber prober,
        IReadOnlyList<ProbeTarget> targets,
        int parallelism,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);

        using var slots = new SemaphoreSlim(parallelism);
        var probes = targets.Select(async target =>
        {
            await slots.WaitAsync(cancellation);
            try
            {
                return await prober.ProbeAsync(target, cancellation);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(probes);
    }
}

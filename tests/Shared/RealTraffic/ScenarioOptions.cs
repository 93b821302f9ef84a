namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>Which scenario <see cref="CaptureScenarios.TlsSessionsAsync"/> records, and how.</summary>
public sealed record ScenarioOptions
{
    /// <summary>The scenario to record.</summary>
    public required TlsScenario Scenario { get; init; }

    /// <summary>
    /// The capture program. Scenarios that rewrite the file (VLAN fallback, odd segments) always
    /// use tcpdump, because <see cref="PcapRewriter"/> reads classic pcap only.
    /// </summary>
    public CaptureTool Tool { get; init; } = CaptureTool.Tcpdump;

    /// <summary>Connections made for each presented certificate.</summary>
    public int ConnectionsPerCertificate { get; init; } = 2;

    /// <summary>The host name in the certificates and the SNI.</summary>
    public string ServerName { get; init; } = "winrm01.contoso.test";

    /// <summary>The VLAN id for <see cref="TlsScenario.Vlan"/>.</summary>
    public int VlanId { get; init; } = 42;
}

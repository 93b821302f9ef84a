using Xunit;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// Test classes that record real traffic with libpcap on the "any" device or in network
/// namespaces run in this collection: alone, after the parallel tests, because a capture started
/// while the machine is saturated by other tests was seen to miss a whole handshake.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTrafficCollection
{
    public const string Name = "Real traffic captures";
}

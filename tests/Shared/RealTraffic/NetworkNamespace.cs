using System.Net;
using System.Security.Cryptography;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A network namespace made for one test, with loopback up, and optionally a veth link to a second
/// (peer) namespace with an 802.1Q sub-interface on each end. Traffic inside never reaches the
/// host's networks. Disposing deletes both namespaces; programs started inside must be stopped first.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>Name of the veth end inside this namespace; capture here to see link-layer headers.</summary>
    public const string LinkInterface = "veth0";

    private const string PeerLinkInterface = "veth1";
    private const string NamePrefix = "winrm-test-";
    private const int NameSuffixBytes = 4;
    private const int LinkPrefixLength = 24;
    private const int CommandTimeoutMs = 10_000;
    private const string SingleSegment = "1";

    private static readonly IPAddress LinkAddress = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress PeerLinkAddress = IPAddress.Parse("192.0.2.2");

    private readonly List<string> createdNames = [];

    private NetworkNamespace(string name)
    {
        Name = name;
    }

    /// <summary>The namespace's unique name, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The peer namespace at the far end of the veth link, or null without a link.</summary>
    public NetworkNamespace? Peer { get; private set; }

    /// <summary>This namespace's address on the link (on the VLAN sub-interface when there is one).</summary>
    public IPAddress? Address { get; private set; }

    /// <summary>
    /// True when the kernel made the 802.1Q sub-interfaces, so a capture on <see cref="LinkInterface"/>
    /// shows VLAN tags. False when a VLAN was asked for but the kernel has no 802.1Q support; the
    /// link then carries untagged frames, and <see cref="PcapRewriter.InsertVlanTag"/> can add the tags.
    /// </summary>
    public bool HasVlanSubInterface { get; private set; }

    /// <summary>Creates the namespace (and the peer namespace and link when asked for).</summary>
    /// <exception cref="InvalidOperationException">An <c>ip</c> command failed; what was made is deleted.</exception>
    public static NetworkNamespace Create(NetworkNamespaceOptions? options = null)
    {
        options ??= new NetworkNamespaceOptions();
        var created = new NetworkNamespace(NewName());
        try
        {
            created.AddNamespace(created.Name, options.Mtu);
            if (options.WithVethLink)
            {
                created.AddLink(options);
            }
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The program and leading arguments that run a command inside this namespace, for callers that
    /// start long-running programs: <c>ip netns exec NAME</c>.
    /// </summary>
    public IReadOnlyList<string> ExecPrefix => ["netns", "exec", Name];

    /// <summary>Runs <paramref name="program"/> inside the namespace to completion.</summary>
    public ProcessRunner.Result Run(string program, params string[] arguments) =>
        ProcessRunner.Run("ip", [.. ExecPrefix, program, .. arguments], timeoutMs: CommandTimeoutMs);

    /// <summary>Starts a long-running <paramref name="program"/> inside the namespace.</summary>
    public ExternalProcess Start(string program, IEnumerable<string> arguments) =>
        ExternalProcess.Start("ip", [.. ExecPrefix, Prerequisite.Find(program) ?? program, .. arguments]);

    /// <summary>Deletes the namespaces this object created; never throws.</summary>
    public void Dispose()
    {
        foreach (string name in createdNames)
        {
            try
            {
                ProcessRunner.Run("ip", ["netns", "delete", name], timeoutMs: CommandTimeoutMs);
            }
            catch (TimeoutException)
            {
                // Nothing more can be done here; the name is unique and does not disturb later tests.
            }
        }
        createdNames.Clear();
    }

    private static string NewName() =>
        NamePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NameSuffixBytes));

    private static void Ip(params string[] arguments)
    {
        ProcessRunner.Result result = ProcessRunner.Run("ip", arguments, timeoutMs: CommandTimeoutMs);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"ip {string.Join(' ', arguments)} failed: {result.StandardError.Trim()}");
        }
    }

    private static bool TryIp(params string[] arguments) =>
        ProcessRunner.Run("ip", arguments, timeoutMs: CommandTimeoutMs).ExitCode == 0;

    private void AddNamespace(string name, int? mtu)
    {
        Ip("netns", "add", name);
        createdNames.Add(name);
        Ip("-n", name, "link", "set", "lo", "up");
        if (mtu is int loopbackMtu)
        {
            SetMtu(name, "lo", loopbackMtu);
        }
    }

    private static void SetMtu(string namespaceName, string interfaceName, int mtu)
    {
        // Without a limit the kernel hands the capture one GSO super-packet of many MSS-sized
        // segments; one segment per packet makes the wire (and the capture) show real segments.
        Ip("-n", namespaceName, "link", "set", interfaceName, "mtu", mtu.ToString(Invariant),
            "gso_max_segs", SingleSegment);
    }

    private void AddLink(NetworkNamespaceOptions options)
    {
        var peer = new NetworkNamespace(NewName());
        AddNamespace(peer.Name, options.Mtu);
        Peer = peer;

        Ip("-n", Name, "link", "add", LinkInterface, "type", "veth",
            "peer", "name", PeerLinkInterface, "netns", peer.Name);
        if (options.Mtu is int mtu)
        {
            SetMtu(Name, LinkInterface, mtu);
            SetMtu(peer.Name, PeerLinkInterface, mtu);
        }
        Ip("-n", Name, "link", "set", LinkInterface, "up");
        Ip("-n", peer.Name, "link", "set", PeerLinkInterface, "up");

        string addressedInterface = LinkInterface;
        string peerAddressedInterface = PeerLinkInterface;
        if (options.VlanId is int vlanId)
        {
            string vlanText = vlanId.ToString(Invariant);
            string vlanInterface = LinkInterface + "." + vlanText;
            string peerVlanInterface = PeerLinkInterface + "." + vlanText;
            HasVlanSubInterface =
                TryIp("-n", Name, "link", "add", "link", LinkInterface, "name", vlanInterface,
                    "type", "vlan", "id", vlanText)
                && TryIp("-n", peer.Name, "link", "add", "link", PeerLinkInterface, "name", peerVlanInterface,
                    "type", "vlan", "id", vlanText);
            if (HasVlanSubInterface)
            {
                Ip("-n", Name, "link", "set", vlanInterface, "up");
                Ip("-n", peer.Name, "link", "set", peerVlanInterface, "up");
                addressedInterface = vlanInterface;
                peerAddressedInterface = peerVlanInterface;
            }
        }

        string prefix = "/" + LinkPrefixLength.ToString(Invariant);
        Ip("-n", Name, "address", "add", LinkAddress + prefix, "dev", addressedInterface);
        Ip("-n", peer.Name, "address", "add", PeerLinkAddress + prefix, "dev", peerAddressedInterface);
        Address = LinkAddress;
        peer.Address = PeerLinkAddress;
    }

    private static IFormatProvider Invariant => System.Globalization.CultureInfo.InvariantCulture;
}

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Bounds how many encapsulations (PPPoE, MPLS, IP-in-IP, GRE, UDP tunnels) one frame may nest, so
/// that a crafted frame of tunnels inside tunnels cannot make the decoder recurse without end.
/// </summary>
internal static class EncapsulationDepth
{
    /// <summary>Real networks rarely nest more than three; beyond this the frame counts as not TCP.</summary>
    internal const int Maximum = 8;

    /// <summary>
    /// Enters one more encapsulation: false, leaving <paramref name="depth"/> alone, when
    /// <see cref="Maximum"/> are already open.
    /// </summary>
    internal static bool TryNest(ref int depth)
    {
        if (depth >= Maximum)
        {
            return false;
        }
        depth++;
        return true;
    }
}

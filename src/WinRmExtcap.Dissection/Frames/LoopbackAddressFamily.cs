namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Address family values a BSD Null or OpenBSD Loop header carries. AF_INET is 2 everywhere; AF_INET6
/// differs by the capturing system, and a capture read elsewhere keeps the writer's value.
/// </summary>
internal enum LoopbackAddressFamily : uint
{
    Inet = 2,
    Inet6Linux = 10,
    Inet6NetBsdOpenBsd = 24,
    Inet6FreeBsd = 28,
    Inet6Darwin = 30,
}

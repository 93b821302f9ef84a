// Times the winrm-certs pipeline phase by phase on one capture:
//   read    CaptureReader.TryReadNext only
//   decode  + FrameDecoder.TryDecode
//   track   + ConnectionTracker.Process (reassembly, TLS parsing, certificates) with an ExportCollector
// Usage: winrm-bench-phases CAPTURE [read|decode|track|all] [PORT]
using System.Diagnostics;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

var path = args[0];
var phase = args.Length > 1 ? args[1] : "all";
var ports = new HashSet<ushort>();
if (args.Length > 2) ports.Add(ushort.Parse(args[2]));
var size = new FileInfo(path).Length;

void Run(string name)
{
    GC.Collect();
    var sw = Stopwatch.StartNew();
    long packets = 0, tcp = 0, bytes = 0;
    var collector = new ExportCollector();
    var tracker = new ConnectionTracker(new TrackerOptions { Ports = ports }, collector);
    using (var reader = CaptureReader.Open(path))
    {
        while (reader.TryReadNext(out var packet) == CaptureReadStatus.Packet)
        {
            packets++;
            bytes += packet.Data.Length;
            switch (name)
            {
                case "decode":
                    var status = FrameDecoder.TryDecode(packet.LinkType, packet.Data.Span, out _);
                    if (status == FrameDecodeStatus.Tcp) tcp++;
                    break;
                case "track":
                    tracker.Process(packet);
                    break;
            }
        }
    }
    if (name == "track") tracker.Complete();
    sw.Stop();
    var s = sw.Elapsed.TotalSeconds;
    Console.WriteLine(
        $"{name,-7} {s,7:F3} s  {size / 1e6 / s,8:F0} MB/s  {s * 1e9 / packets,6:F0} ns/packet  packets {packets}" +
        (name == "decode" ? $"  tcp {tcp}" : "") +
        (name == "track" ? $"  certificates {collector.Certificates.Count}" : "") +
        $"  gc0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}" +
        $"  allocated {GC.GetTotalAllocatedBytes() / 1048576} MiB");
}

if (phase == "all")
{
    foreach (var p in new[] { "read", "decode", "track", "read", "decode", "track" }) Run(p);
}
else
{
    Run(phase);
}

using System.Collections.Concurrent;
using System.Globalization;
using WinRmExtcap.Dissection.Tls.Fingerprints;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;
using Xunit.Abstractions;

namespace WinRmExtcap.Dissection.Tests.Fingerprints;

/// <summary>
/// Over the whole public corpus, JA3 and JA3S equal tshark's <c>tls.handshake.ja3</c> and
/// <c>tls.handshake.ja3s</c> on every hello both of us read, matched by the frame that completes
/// the hello. Hellos only one side reads (TLS on ports tshark does not decode as TLS, QUIC and
/// DTLS that this project does not read) are counted and printed, not compared. tshark is asked
/// only about files where we found a hello, to keep the run short; a file where tshark alone
/// finds hellos is covered by the certificate conformance test, not here.
/// </summary>
public sealed class Ja3CorpusTests
{
    private const int ParallelFiles = 6;
    private const string ClientHelloType = "1";
    private const string ServerHelloType = "2";

    private readonly ITestOutputHelper _output;

    public Ja3CorpusTests(ITestOutputHelper output) => _output = output;

    [RequiresFact("tshark")]
    public void Ja3AndJa3S_EveryCorpusConnection_EqualTsharks()
    {
        var files = CorpusFiles();
        Assert.NotEmpty(files);
        var results = new ConcurrentBag<FileComparison>();

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = ParallelFiles },
            file => results.Add(Compare(file)));

        var all = results.OrderBy(result => result.File, StringComparer.Ordinal).ToList();
        foreach (var result in all.Where(r => r.Ja3.Compared + r.Ja3S.Compared + r.Ja3.OnlyTshark > 0))
        {
            _output.WriteLine($"{result.File}: ja3 {result.Ja3}; ja3s {result.Ja3S}");
        }
        var ja3 = Tally.Sum(all.Select(r => r.Ja3));
        var ja3s = Tally.Sum(all.Select(r => r.Ja3S));
        _output.WriteLine($"TOTAL ja3 {ja3}; ja3s {ja3s}");
        var mismatches = all.SelectMany(r => r.Mismatches).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(ja3.Agreed > 0 && ja3s.Agreed > 0, $"nothing compared: ja3 {ja3}; ja3s {ja3s}");
    }

    private static List<string> CorpusFiles()
    {
        var sources = Path.Combine(RepositoryPaths.Corpus, "SOURCES.tsv");
        Assert.True(File.Exists(sources), $"corpus missing: {sources} (../shared must sit beside the repository)");
        return File.ReadLines(sources).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length > 7 && columns[7] != "keylog")
            .Select(columns => columns[0])
            .ToList();
    }

    private static FileComparison Compare(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, relativePath);
        var ours = FinishedConnections.Read(path);
        var ourJa3 = ours.Where(c => c.ClientHello is not null && c.ClientHelloFrame is not null)
            .GroupBy(c => c.ClientHelloFrame!.Value) // Filtered to non-null just above.
            .ToDictionary(g => g.Key, g => g.Select(c => Ja3.Hash(c.ClientHello!)).ToHashSet());
        var ourJa3S = ours.Where(c => c.ServerHello is not null && c.ServerHelloFrame is not null)
            .GroupBy(c => c.ServerHelloFrame!.Value) // Filtered to non-null just above.
            .ToDictionary(g => g.Key, g => g.Select(c => Ja3S.Hash(c.ServerHello!)).ToHashSet());

        var tsharkJa3 = new Dictionary<long, HashSet<string>>();
        var tsharkJa3S = new Dictionary<long, HashSet<string>>();
        var mismatches = new List<string>();
        if (ourJa3.Count == 0 && ourJa3S.Count == 0)
        {
            return new FileComparison(relativePath, new Tally(0, 0, 0, 0), new Tally(0, 0, 0, 0), mismatches);
        }

        // A damaged file makes tshark exit non-zero after printing what it read; that output counts.
        var lines = Tshark.Run(path, "tls.handshake.type == 1 || tls.handshake.type == 2",
                ["frame.number", "tls.handshake.type", "tls.handshake.ja3", "tls.handshake.ja3s"])
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var columns in lines.Select(line => line.Split('\t')))
        {
            var frame = long.Parse(columns[0], CultureInfo.InvariantCulture);
            var types = columns[1].Split(',');
            if (types.Contains(ClientHelloType) && columns[2].Length > 0)
            {
                tsharkJa3[frame] = columns[2].Split(',').ToHashSet();
            }
            if (types.Contains(ServerHelloType) && columns.Length > 3 && columns[3].Length > 0)
            {
                tsharkJa3S[frame] = columns[3].Split(',').ToHashSet();
            }
        }

        var ja3 = Tally.Of(relativePath, "ja3", ourJa3, tsharkJa3, mismatches);
        var ja3s = Tally.Of(relativePath, "ja3s", ourJa3S, tsharkJa3S, mismatches);
        return new FileComparison(relativePath, ja3, ja3s, mismatches);
    }

    private sealed record FileComparison(string File, Tally Ja3, Tally Ja3S, IReadOnlyList<string> Mismatches);

    private sealed record Tally(int Compared, int Agreed, int OnlyOurs, int OnlyTshark)
    {
        public static Tally Of(string file, string kind, Dictionary<long, HashSet<string>> ours,
            Dictionary<long, HashSet<string>> tshark, List<string> mismatches)
        {
            var compared = 0;
            var agreed = 0;
            foreach (var (frame, values) in ours)
            {
                if (!tshark.TryGetValue(frame, out var expected))
                {
                    continue;
                }
                compared++;
                if (values.IsSubsetOf(expected))
                {
                    agreed++;
                }
                else
                {
                    mismatches.Add($"{file} frame {frame}: {kind} ours [{string.Join(",", values)}] "
                        + $"tshark [{string.Join(",", expected)}]");
                }
            }
            return new Tally(compared, agreed, ours.Keys.Count(f => !tshark.ContainsKey(f)),
                tshark.Keys.Count(f => !ours.ContainsKey(f)));
        }

        public static Tally Sum(IEnumerable<Tally> tallies) => tallies.Aggregate(new Tally(0, 0, 0, 0),
            (sum, t) => new Tally(sum.Compared + t.Compared, sum.Agreed + t.Agreed, sum.OnlyOurs + t.OnlyOurs,
                sum.OnlyTshark + t.OnlyTshark));

        public override string ToString() =>
            $"{Agreed}/{Compared} equal, {OnlyOurs} only ours, {OnlyTshark} only tshark's";
    }
}

#!/usr/bin/env bash
# Side-by-side benchmark: winrm-certs export versus tshark's certificate extraction on one capture.
#
# Usage: bench/run.sh [CAPTURE]            (default bench/out/bench.pcap, made if missing)
# Environment:
#   RUNS=3          runs of each winrm-certs variant (the fastest is reported, all are printed)
#   TSHARK_RUNS=1   runs of each tshark variant
#   TSHARK_TIMEOUT=300  seconds the as-specified tshark may run (it is quadratic on long HTTP
#                   bodies, see README); 0 skips it
#   SKIP_BUILD=1    do not rebuild src/WinRmCerts
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CAPTURE=${1:-$HERE/out/bench.pcap}
RUNS=${RUNS:-3}
TSHARK_RUNS=${TSHARK_RUNS:-1}
TSHARK_TIMEOUT=${TSHARK_TIMEOUT:-300}
TOOL=$ROOT/bench/out/winrm-certs/winrm-certs
export DOTNET_gcServer=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ -z "${SKIP_BUILD:-}" ]; then
    # Published as install.ps1 publishes it: Release, ReadyToRun (precompiled, so start-up
    # does not pay for the JIT), framework-dependent.
    echo "run: dotnet publish src/WinRmCerts -c Release -r linux-x64 -p:PublishReadyToRun=true" >&2
    dotnet publish "$ROOT/src/WinRmCerts" -c Release -r linux-x64 -p:PublishReadyToRun=true --self-contained false \
        -o "$ROOT/bench/out/winrm-certs" -nologo -v quiet >&2
fi
if [ ! -f "$CAPTURE" ]; then
    if [ "$CAPTURE" = "$HERE/out/bench.pcap" ]; then
        "$HERE/make-capture.sh"
    else
        echo "run: $CAPTURE: no such file" >&2; exit 1
    fi
fi

TMP=$(mktemp -d /tmp/winrm-bench-run.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.tsv
: > "$RESULTS"

# Warm the page cache so neither tool pays for the first read from disk.
cat "$CAPTURE" > /dev/null

measure() { # NAME OUTFILE CMD... : runs CMD under /usr/bin/time -v, stdout to OUTFILE
    local name=$1 out=$2; shift 2
    local rc=0
    /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$out" 2> "$TMP/stderr.txt" || rc=$?
    if [ "$rc" -eq 124 ] || grep -q 'Command terminated by signal 15\|Exit status: 124' "$TMP/time.txt"; then
        echo "run: $name stopped by the timeout" >&2
        printf '%s\ttimeout\t\t\n' "$name" >> "$RESULTS"
        return 0
    elif [ "$rc" -ne 0 ]; then
        echo "run: $name failed:" >&2; cat "$TMP/stderr.txt" "$TMP/time.txt" >&2; exit 1
    fi
    local wall rss cpu
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$TMP/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$TMP/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
    printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" >> "$RESULTS"
    printf 'run: %-26s wall %8.2f s  cpu %8.2f s  peak RSS %8.1f MiB  (load avg %s)\n' \
        "$name" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" >&2
}

for i in $(seq "$RUNS"); do
    rm -rf "$TMP/any"
    measure "winrm-certs (any port)" "$TMP/any.txt" "$TOOL" export "$CAPTURE" --out "$TMP/any"
done
for i in $(seq "$RUNS"); do
    rm -rf "$TMP/p5986"
    measure "winrm-certs --port 5986" "$TMP/p5986.txt" "$TOOL" export "$CAPTURE" --out "$TMP/p5986" --port 5986
done
TSHARK=(tshark -r "$CAPTURE" -o tcp.reassemble_out_of_order:TRUE -d tcp.port==5986,tls
    -Y tls.handshake.certificate -T fields -e tls.handshake.certificate)
for i in $(seq "$TSHARK_RUNS"); do
    # tshark with its defaults reassembles every HTTP body (http.desegment_body), which is
    # quadratic on the 64 MB downloads; with that off it still dissects TLS fully.
    measure "tshark -o http.desegment_body:F" "$TMP/tshark.txt" "${TSHARK[@]}" -o http.desegment_body:FALSE
done
if [ "$TSHARK_TIMEOUT" -gt 0 ]; then
    for i in $(seq "$TSHARK_RUNS"); do
        measure "tshark (as specified)" "$TMP/tshark-default.txt" timeout "$TSHARK_TIMEOUT" "${TSHARK[@]}"
    done
fi

python3 - "$CAPTURE" "$RESULTS" "$TMP" "$TSHARK_TIMEOUT" <<'PY'
import hashlib, os, sys
capture, results, tmp, tshark_timeout = sys.argv[1:5]
size = os.path.getsize(capture)

best = {}
for line in open(results):
    name, wall, rss, cpu = line.rstrip("\n").split("\t")
    if wall == "timeout":
        best.setdefault(name, None)
        continue
    wall, rss, cpu = float(wall), int(rss) / 1024.0, float(cpu)
    b = best.get(name)
    if b is None:
        best[name] = [wall, rss, cpu]
    else:
        b[0] = min(b[0], wall)
        b[1] = max(b[1], rss)   # peak memory: the worst run
        b[2] = min(b[2], cpu)

def tshark_set():
    s = set()
    for line in open(os.path.join(tmp, "tshark.txt")):
        for h in line.strip().split(","):
            if h:
                s.add(hashlib.sha1(bytes.fromhex(h.replace(":", ""))).hexdigest().upper())
    return s

def ours(folder):
    names = os.listdir(os.path.join(tmp, folder)) if os.path.isdir(os.path.join(tmp, folder)) else []
    return {n.split(".")[0].upper() for n in names}

ts, any_, p = tshark_set(), ours("any"), ours("p5986")
print()
print(f"capture: {capture}  {size:,} bytes ({size / 1e6:.0f} MB)")
print()
print(f"{'tool':<26} {'wall s':>8} {'MB/s':>9} {'cpu s':>8} {'peak RSS MiB':>13} {'certs':>6}")
TS = "tshark -o http.desegment_body:F"
counts = {"winrm-certs (any port)": len(any_), "winrm-certs --port 5986": len(p), TS: len(ts)}
for name in ("winrm-certs (any port)", "winrm-certs --port 5986", TS, "tshark (as specified)"):
    if name not in best:
        continue
    if best[name] is None:
        print(f"{name:<26} {'>' + tshark_timeout:>8} {'<' + format(size / 1e6 / float(tshark_timeout), '.1f'):>9}"
              f" {'':>8} {'':>13} {'':>6}  (stopped by TSHARK_TIMEOUT)")
        continue
    w, r, c = best[name]
    print(f"{name:<26} {w:>8.2f} {size / 1e6 / w:>9.1f} {c:>8.2f} {r:>13.1f} {counts.get(name, ''):>6}")
print("(wall, cpu = user+sys: fastest run; peak RSS: highest run; MB = 10^6 bytes, MiB = 2^20 bytes)")
print()
tw, tc = best[TS][0], best[TS][2]
for name in ("winrm-certs (any port)", "winrm-certs --port 5986"):
    w, r, c = best[name]
    speed = tw / w
    print(f"{name}: {speed:.1f}x faster than {TS} by wall time, {tc / c:.1f}x by CPU time "
          f"(target >= 30x: {'met' if speed >= 30 else 'MISSED'} by wall, {'met' if tc / c >= 30 else 'MISSED'} by CPU); "
          f"peak {r:.1f} MiB vs 100 MB target: {'MET' if r * 1048576 < 100e6 else 'MISSED'}")
    if best.get("tshark (as specified)", 0) is None:
        print(f"  vs tshark as specified: > {float(tshark_timeout) / w:.0f}x (it did not finish in {tshark_timeout} s)")
    elif "tshark (as specified)" in best:
        print(f"  vs tshark as specified: {best['tshark (as specified)'][0] / w:.1f}x by wall time")
print()
# tshark is told 5986 is TLS and dissects 443 as TLS by default; our any-port run should find the same set.
if ts == any_:
    print(f"certificates: MATCH - winrm-certs (any port) and {TS} found the same {len(ts)} certificate(s)")
else:
    print("certificates: DIFFER")
    print("  only tshark:      ", sorted(ts - any_))
    print("  only winrm-certs: ", sorted(any_ - ts))
print(f"winrm-certs --port 5986 found {len(p)} certificate(s), "
      f"{'all' if p <= ts else 'NOT all'} among tshark's")
PY

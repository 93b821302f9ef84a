#!/usr/bin/env bash
# Builds bench/out/bench.pcap: a capture of at least TARGET_MB MiB (default 1024) made from real
# traffic between two network namespaces joined by a veth pair (real Ethernet frames, MTU 1500,
# GSO limited to one segment so no frame exceeds 1514 bytes), then grown to size by appending
# time-shifted copies (editcap -t, mergecap -a).
#
# The base capture holds, at the same time:
#   - bulk unrelated traffic: python3 -m http.server serving a random file, downloaded several
#     times with curl (rate-limited so tcpdump drops nothing), plus small HTTP requests;
#   - WinRM-like TLS 1.2: a small python ssl server on 5986 (TLS 1.2 max) (RSA leaf + RSA CA), with openssl s_client
#     connections each sending an HTTP POST /wsman, spread over the whole base capture;
#   - TLS 1.2 on 443 with another chain (EC leaf + EC CA), so "TLS on any port" differs from
#     "--port 5986".
# Every copy repeats the base (with the client renumbered 10.77.N.2 by renumber.py), so the TLS
# sessions are spread through the whole file.
#
# Usage: bench/make-capture.sh [TARGET_MB] [OUTPUT]      (run as root: needs ip netns)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TARGET_MB=${1:-1024}
OUTPUT=${2:-$HERE/out/bench.pcap}
FILE_MB=${FILE_MB:-64}          # size of the file served over plain HTTP
DOWNLOADS=${DOWNLOADS:-4}       # how many times it is downloaded in the base capture
RATE=${RATE:-20M}               # curl --limit-rate for the bulk downloads
MIN_TLS=${MIN_TLS:-24}          # at least this many WinRM (5986) TLS connections in the base

for tool in ip tcpdump editcap mergecap capinfos openssl curl python3; do
    command -v "$tool" >/dev/null || { echo "make-capture: $tool is required" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "make-capture: must run as root (network namespaces)" >&2; exit 1; }

NS_SRV=winrm-bench-srv
NS_CLI=winrm-bench-cli
WORK=$(mktemp -d /tmp/winrm-bench.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$NS_SRV" 2>/dev/null || true
    ip netns del "$NS_CLI" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$(dirname "$OUTPUT")"
cd "$WORK"

echo "make-capture: certificates" >&2
# Chain A (WinRM, port 5986): RSA CA + RSA leaf.
openssl req -x509 -newkey rsa:2048 -nodes -keyout caA.key -out caA.pem -days 3650 \
    -subj "/O=WinRmExtcap Bench/CN=Bench WinRM Root CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leafA.key -out leafA.csr \
    -subj "/CN=winrm01.bench.test" 2>/dev/null
openssl x509 -req -in leafA.csr -CA caA.pem -CAkey caA.key -CAcreateserial -out leafA.pem -days 825 \
    -extfile <(printf 'subjectAltName=DNS:winrm01.bench.test\nextendedKeyUsage=serverAuth\n') 2>/dev/null
# Chain B (web, port 443): EC CA + EC leaf.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout caB.key -out caB.pem -days 3650 \
    -subj "/O=WinRmExtcap Bench/CN=Bench Web CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leafB.key -out leafB.csr \
    -subj "/CN=web.bench.test" 2>/dev/null
openssl x509 -req -in leafB.csr -CA caB.pem -CAkey caB.key -CAcreateserial -out leafB.pem -days 825 \
    -extfile <(printf 'subjectAltName=DNS:web.bench.test\nextendedKeyUsage=serverAuth\n') 2>/dev/null

echo "make-capture: namespaces $NS_SRV <-> $NS_CLI (veth, MTU 1500)" >&2
ip netns del "$NS_SRV" 2>/dev/null || true
ip netns del "$NS_CLI" 2>/dev/null || true
ip netns add "$NS_SRV"
ip netns add "$NS_CLI"
ip link add wrb-srv type veth peer name wrb-cli
ip link set wrb-srv netns "$NS_SRV"
ip link set wrb-cli netns "$NS_CLI"
for pair in "$NS_SRV wrb-srv 10.77.0.1" "$NS_CLI wrb-cli 10.77.0.2"; do
    set -- $pair
    ip -n "$1" link set lo up
    ip -n "$1" link set "$2" mtu 1500 gso_max_segs 1 gso_max_size 1500
    ip -n "$1" addr add "$3/24" dev "$2"
    ip -n "$1" link set "$2" up
done
SRV=10.77.0.1

head -c "${FILE_MB}M" /dev/urandom > big.bin
echo "hello" > small.txt
mkdir -p www && mv big.bin small.txt www/

ip netns exec "$NS_SRV" python3 -m http.server 8080 --bind "$SRV" --directory www >/dev/null 2>&1 &
PIDS+=($!)
cat leafA.pem caA.pem > chainA.pem
cat leafB.pem caB.pem > chainB.pem
cat > tls_server.py <<'PY'
# Minimal HTTPS server: TLS 1.2 only (so the Certificate message is in clear), answers any
# request (POST /wsman on 5986, GET on 443) with a small response, then closes.
import socket, ssl, sys, threading
host, port, chain, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(chain, key)
BODY = (b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
        b'<wsmid:IdentifyResponse xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd">'
        b'<wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor></wsmid:IdentifyResponse></s:Body></s:Envelope>')
def serve(conn):
    try:
        with ctx.wrap_socket(conn, server_side=True) as tls:
            data = b''
            while b'\r\n\r\n' not in data:
                chunk = tls.recv(65536)
                if not chunk: return
                data += chunk
            head, _, rest = data.partition(b'\r\n\r\n')
            length = 0
            for line in head.split(b'\r\n'):
                if line.lower().startswith(b'content-length:'): length = int(line.split(b':')[1])
            while len(rest) < length:
                chunk = tls.recv(65536)
                if not chunk: break
                rest += chunk
            tls.sendall(b'HTTP/1.1 200 OK\r\nServer: Microsoft-HTTPAPI/2.0\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n'
                        b'Content-Length: %d\r\nConnection: close\r\n\r\n' % len(BODY) + BODY)
            try: tls.unwrap()
            except (ssl.SSLError, OSError): pass
    except (ssl.SSLError, OSError):
        pass
s = socket.create_server((host, port))
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
ip netns exec "$NS_SRV" python3 tls_server.py "$SRV" 5986 chainA.pem leafA.key >/dev/null 2>&1 &
PIDS+=($!)
ip netns exec "$NS_SRV" python3 tls_server.py "$SRV" 443 chainB.pem leafB.key >/dev/null 2>&1 &
PIDS+=($!)
sleep 1

echo "make-capture: capturing base traffic" >&2
ip netns exec "$NS_CLI" tcpdump -i wrb-cli -s 0 -B 65536 -U -w base.pcap 2>tcpdump.err &
TCPDUMP=$!
PIDS+=($TCPDUMP)
sleep 1

# (a) bulk downloads, rate-limited, sequential, in the background.
(
    for i in $(seq "$DOWNLOADS"); do
        ip netns exec "$NS_CLI" curl -s --limit-rate "$RATE" -o /dev/null "http://$SRV:8080/big.bin"
    done
) &
BULK=$!
# Small HTTP requests alongside.
(
    while kill -0 "$BULK" 2>/dev/null; do
        ip netns exec "$NS_CLI" curl -s -o /dev/null "http://$SRV:8080/small.txt" || true
        ip netns exec "$NS_CLI" curl -s -o /dev/null "http://$SRV:8080/missing-$RANDOM" || true
        sleep 0.2
    done
) &
SMALL=$!

# (b) WinRM-like TLS connections, spread over the whole base capture.
BODY='<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>Identify</s:Body></s:Envelope>'
winrm_post() {
    printf 'POST /wsman HTTP/1.1\r\nHost: winrm01.bench.test:5986\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: %d\r\n\r\n%s' \
        "${#BODY}" "$BODY" |
        timeout 5 ip netns exec "$NS_CLI" openssl s_client -connect "$SRV:5986" -servername winrm01.bench.test \
            -tls1_2 -quiet >/dev/null 2>&1 || true
}
web_get() {
    printf 'GET / HTTP/1.0\r\nHost: web.bench.test\r\n\r\n' |
        timeout 5 ip netns exec "$NS_CLI" openssl s_client -connect "$SRV:443" -servername web.bench.test \
            -tls1_2 -quiet >/dev/null 2>&1 || true
}
tls=0
while kill -0 "$BULK" 2>/dev/null || [ "$tls" -lt "$MIN_TLS" ]; do
    winrm_post
    tls=$((tls + 1))
    if [ $((tls % 4)) -eq 0 ]; then web_get; fi
    sleep 0.4
done
wait "$BULK" || true
wait "$SMALL" || true
sleep 1
kill "$TCPDUMP"
wait "$TCPDUMP" 2>/dev/null || true
grep -E 'captured|dropped' tcpdump.err >&2 || true
echo "make-capture: $tls WinRM TLS connections in the base capture" >&2

BASE_BYTES=$(stat -c %s base.pcap)
DURATION=$(capinfos -u -M base.pcap | awk -F: '/Capture duration/ {gsub(/[^0-9.]/, "", $2); print $2}')
STEP=$(python3 -c "import math; print(math.ceil(float('$DURATION')) + 1)")
TARGET_BYTES=$((TARGET_MB * 1024 * 1024))
COPIES=$(( (TARGET_BYTES + BASE_BYTES - 25) / (BASE_BYTES - 24) ))
[ "$COPIES" -ge 1 ] || COPIES=1
echo "make-capture: base $((BASE_BYTES / 1048576)) MiB over ${DURATION}s; $COPIES copies ${STEP}s apart" >&2

FILES=()
for i in $(seq 0 $((COPIES - 1))); do
    # Copy N>0 gets client address 10.77.N.2 (checksums adjusted), so its connections are new
    # ones rather than repeats of copy 0's 4-tuples and sequence numbers.
    if [ "$i" -eq 0 ]; then
        cp base.pcap renumbered.pcap
    else
        python3 "$HERE/renumber.py" base.pcap renumbered.pcap 10.77.0.2 $(( (i - 1) % 254 + 1 ))
    fi
    editcap -F pcap -t $((i * STEP)) renumbered.pcap "copy$i.pcap"
    rm -f renumbered.pcap
    FILES+=("copy$i.pcap")
done
rm -f base.pcap
mergecap -F pcap -a -w "$OUTPUT.tmp" "${FILES[@]}"
rm -f "${FILES[@]}"
mv "$OUTPUT.tmp" "$OUTPUT"

# Certificate chains as reference (SHA-1 of DER = the tool's file names).
for c in leafA caA leafB caB; do
    openssl x509 -in "$c.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f' |
        sed "s/\$/  $c/"
done > "$OUTPUT.expected-sha1"

echo "make-capture: $OUTPUT: $(stat -c %s "$OUTPUT") bytes" >&2
capinfos -c -s -u -M "$OUTPUT" >&2

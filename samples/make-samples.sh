#!/usr/bin/env bash
# Makes the sample captures that the README uses, from real TLS traffic on loopback inside a
# network namespace of its own: openssl s_server plays the WinRM HTTPS listener on port 5986 and
# pywinrm (Debian package python3-winrm) is the WinRM client; without pywinrm, openssl s_client
# sends the same kind of POST /wsman request. Certificates come from a private test CA made here.
#
# Run as root on Debian 12 with: openssl tcpdump iproute2 wireshark-common (editcap),
# optionally python3-winrm. Safe to run again: every output is rewritten, leftovers are removed.
#
# Outputs (next to this script):
#   winrm-renewal.pcapng   certificate A on several connections, then its renewal B (same subject)
#   winrm-expired.pcapng   a server still presenting an expired certificate
#   listener-config.txt    `winrm enumerate winrm/config/listener` still naming A
#   README.md              one line per file, with the thumbprints of this run
set -euo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly NAMESPACE="winrm-samples"
readonly PORT=5986
readonly RENEWED_HOST="winrm01.contoso.test"
readonly EXPIRED_HOST="winrm02.contoso.test"
readonly CONNECTIONS_PER_CERTIFICATE=3
readonly READY_TRIES=100          # x 0.1 s: how long to wait for a program to get ready
readonly CLIENT_TIMEOUT_SECONDS=10

WORK="$(mktemp -d)"
readonly WORK
PIDS=()

# stop SIGNAL PID: signals a program this script started and waits for it, at most 5 s.
stop() {
    local signal="$1" pid="$2" try
    kill "-$signal" "$pid" 2>/dev/null || return 0
    for ((try = 0; try < 50; try++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        stop TERM "$pid"
    done
    ip netns delete "$NAMESPACE" 2>/dev/null || true
    rm -rf "/etc/netns/$NAMESPACE" "$WORK"
    rmdir /etc/netns 2>/dev/null || true   # only when empty
}
trap cleanup EXIT

die() { echo "make-samples: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (network namespaces and packet capture need it)"
for program in openssl tcpdump ip editcap; do
    command -v "$program" >/dev/null ||
        die "$program is missing (apt-get install openssl tcpdump iproute2 wireshark-common)"
done
if /usr/bin/python3 -c 'import winrm' 2>/dev/null; then
    CLIENT="pywinrm"
else
    CLIENT="s_client"
    echo "make-samples: python3-winrm not installed; using openssl s_client as the WinRM client" >&2
fi

# Waits until FILE contains TEXT, or fails after READY_TRIES tenths of a second.
wait_for() {
    local file="$1" text="$2" try
    for ((try = 0; try < READY_TRIES; try++)); do
        grep -q "$text" "$file" 2>/dev/null && return 0
        sleep 0.1
    done
    die "timed out waiting for '$text' in $file: $(cat "$file" 2>/dev/null)"
}

utc_date() { date -u -d "$1" +%Y%m%d%H%M%SZ; }

thumbprint() { openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g'; }

# --- A private test CA and the server certificates ---------------------------------------------

make_ca() {
    mkdir -p "$WORK/ca/issued"
    : > "$WORK/ca/index.txt"
    cat > "$WORK/ca/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = $WORK/ca/index.txt
new_certs_dir = $WORK/ca/issued
serial = $WORK/ca/serial
rand_serial = yes
default_md = sha256
policy = any_subject
unique_subject = no
copy_extensions = none
[ any_subject ]
commonName = supplied
[ winrm_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:\${ENV::SAN_HOST}
CNF
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
        -subj "/O=Contoso/CN=Contoso Test Issuing CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$WORK/ca/ca.key" -out "$WORK/ca/ca.crt" 2>/dev/null
}

# make_server NAME HOST NOT_BEFORE NOT_AFTER: a server certificate issued by the test CA.
make_server() {
    local name="$1" host="$2"
    openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$host" \
        -keyout "$WORK/$name.key" -out "$WORK/$name.csr" 2>/dev/null
    SAN_HOST="$host" openssl ca -batch -notext -config "$WORK/ca/ca.cnf" -extensions winrm_server \
        -cert "$WORK/ca/ca.crt" -keyfile "$WORK/ca/ca.key" \
        -startdate "$(utc_date "$3")" -enddate "$(utc_date "$4")" \
        -in "$WORK/$name.csr" -out "$WORK/$name.crt" 2>/dev/null
}

# --- Namespace, capture, server, client -------------------------------------------------------

make_namespace() {
    ip netns delete "$NAMESPACE" 2>/dev/null || true
    ip netns add "$NAMESPACE"
    ip -n "$NAMESPACE" link set lo up
    # `ip netns exec` shows this file as /etc/hosts, so the client resolves the servers' names.
    mkdir -p "/etc/netns/$NAMESPACE"
    printf '127.0.0.1 %s %s\n' "$RENEWED_HOST" "$EXPIRED_HOST" > "/etc/netns/$NAMESPACE/hosts"
}

# Background programs are started with `ip netns exec` directly, not through a function, so that
# $! is the program itself (ip execs it) and a signal reaches it.
in_namespace() { ip netns exec "$NAMESPACE" "$@"; }

start_capture() {
    ip netns exec "$NAMESPACE" tcpdump -i lo -n -U --immediate-mode -Z root --time-stamp-precision=nano \
        -w "$1" "tcp port $PORT" 2> "$WORK/tcpdump.log" &
    CAPTURE_PID=$!
    PIDS+=("$CAPTURE_PID")
    wait_for "$WORK/tcpdump.log" "listening on"
}

stop_capture() {
    sleep 0.3   # let packets already sent reach the capture
    stop INT "$CAPTURE_PID"   # tcpdump finishes the file on SIGINT
}

# start_server NAME: the WinRM HTTPS listener stand-in, TLS 1.2 only as on Windows Server 2019,
# sending the leaf and the CA certificate.
start_server() {
    ip netns exec "$NAMESPACE" openssl s_server -accept "127.0.0.1:$PORT" -no_tls1_3 -www \
        -cert "$WORK/$1.crt" -key "$WORK/$1.key" -cert_chain "$WORK/ca/ca.crt" > "$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    wait_for "$WORK/server.log" "ACCEPT"
}

stop_server() {
    # A background job of a script ignores SIGINT, and s_server does not catch it: use SIGTERM.
    stop TERM "$SERVER_PID"
}

# connect HOST VALIDATE: one WinRM request; VALIDATE=yes checks the certificate against the test CA.
# openssl s_server does not answer POST, so the client gives up after a short read timeout.
connect() {
    local host="$1" validate="$2"
    if [[ $CLIENT == pywinrm ]]; then
        # pywinrm 0.3 lets REQUESTS_CA_BUNDLE override 'ignore', so clear it for that case.
        in_namespace env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE timeout "$CLIENT_TIMEOUT_SECONDS" \
            /usr/bin/python3 - "$host" "$validate" "$WORK/ca/ca.crt" <<'PY' || true
import sys
import winrm

host, validate, ca = sys.argv[1], sys.argv[2] == "yes", sys.argv[3]
session = winrm.Session(
    f"https://{host}:5986/wsman", auth=("CONTOSO\\operator", "not-a-real-password"),
    transport="basic", server_cert_validation="validate" if validate else "ignore",
    ca_trust_path=ca if validate else None, read_timeout_sec=2, operation_timeout_sec=1)
try:
    session.run_cmd("hostname")
except Exception as error:  # the stand-in server never answers; only the handshake matters
    print(f"pywinrm: {type(error).__name__}", file=sys.stderr)
PY
    else
        local verify=()
        [[ $validate == yes ]] && verify=(-verify_return_error -CAfile "$WORK/ca/ca.crt")
        local body='<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>'
        { printf 'POST /wsman HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n' \
              "$host" "$PORT"
          printf 'User-Agent: Microsoft WinRM Client\r\nContent-Length: %s\r\n\r\n%s' "${#body}" "$body"
          sleep 1; } |
            in_namespace timeout "$CLIENT_TIMEOUT_SECONDS" openssl s_client -connect "127.0.0.1:$PORT" \
                -servername "$host" "${verify[@]}" >/dev/null 2>&1 || true
    fi
}

# finish_capture PCAP PCAPNG: converts the classic pcap tcpdump wrote into pcapng (nanosecond if_tsresol).
finish_capture() {
    editcap -F pcapng "$1" "$2"
    rm -f "$1"
}

# --- The samples -----------------------------------------------------------------------------

make_ca
make_server original "$RENEWED_HOST" "-300 days" "+65 days"
make_server renewed "$RENEWED_HOST" "-14 days" "+351 days"
make_server expired "$EXPIRED_HOST" "-400 days" "-35 days"
make_namespace

start_capture "$WORK/renewal.pcap"
for certificate in original renewed; do
    start_server "$certificate"
    for ((n = 0; n < CONNECTIONS_PER_CERTIFICATE; n++)); do
        connect "$RENEWED_HOST" yes
    done
    stop_server
done
stop_capture
finish_capture "$WORK/renewal.pcap" "$HERE/winrm-renewal.pcapng"

start_capture "$WORK/expired.pcap"
start_server expired
connect "$EXPIRED_HOST" no      # a client that skips the CA check completes the handshake
connect "$EXPIRED_HOST" no
connect "$EXPIRED_HOST" yes     # a validating client aborts with a certificate_expired alert
stop_server
stop_capture
finish_capture "$WORK/expired.pcap" "$HERE/winrm-expired.pcapng"

ORIGINAL="$(thumbprint "$WORK/original.crt")"
RENEWED="$(thumbprint "$WORK/renewed.crt")"
EXPIRED="$(thumbprint "$WORK/expired.crt")"
AUTHORITY="$(thumbprint "$WORK/ca/ca.crt")"

cat > "$HERE/listener-config.txt" <<TXT
Listener
    Address = *
    Transport = HTTP
    Port = 5985
    Hostname
    Enabled = true
    URLPrefix = wsman
    CertificateThumbprint
    ListeningOn = 127.0.0.1, 192.0.2.21, ::1, fe80::5d1c:8a2e:4b3f:19c7%6

Listener
    Address = *
    Transport = HTTPS
    Port = 5986
    Hostname = $RENEWED_HOST
    Enabled = true
    URLPrefix = wsman
    CertificateThumbprint = $ORIGINAL
    ListeningOn = 127.0.0.1, 192.0.2.21, ::1, fe80::5d1c:8a2e:4b3f:19c7%6

TXT

# describe CERT: subject, not before, not after, as Markdown table cells; dates in UTC ISO 8601.
describe() {
    local subject not_before not_after
    subject="$(openssl x509 -in "$1" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
    not_before="$(date -u -d "$(openssl x509 -in "$1" -noout -startdate | sed 's/^notBefore=//')" +%FT%TZ)"
    not_after="$(date -u -d "$(openssl x509 -in "$1" -noout -enddate | sed 's/^notAfter=//')" +%FT%TZ)"
    printf '%s | %s | %s' "$subject" "$not_before" "$not_after"
}
RENEWAL_SIZE="$(stat -c %s "$HERE/winrm-renewal.pcapng")"
EXPIRED_SIZE="$(stat -c %s "$HERE/winrm-expired.pcapng")"
cat > "$HERE/README.md" <<MD
# Sample captures

Made by \`sudo samples/make-samples.sh\` (Debian 12: openssl, tcpdump, iproute2, editcap; WinRM
client: $CLIENT). Real TLS 1.2 traffic on 127.0.0.1 inside a network namespace the script creates;
\`openssl s_server\` stands in for the WinRM HTTPS listener on port 5986 (it never answers the
POST, so each client gives up after a 2 s read timeout). Captured by tcpdump with nanosecond time
stamps, converted with \`editcap -F pcapng\`. Certificates are issued by a private test CA made by
the script, and every server sends leaf + CA. Running the script again makes new keys, so new
thumbprints, and rewrites this file.

- \`winrm-renewal.pcapng\` ($RENEWAL_SIZE bytes): $CONNECTIONS_PER_CERTIFICATE connections to a server presenting
  A, then $CONNECTIONS_PER_CERTIFICATE to the same server presenting B, A's renewal (same subject, later
  validity); all valid.
- \`winrm-expired.pcapng\` ($EXPIRED_SIZE bytes): a server still presenting an expired certificate; two
  clients that skip the CA check finish the handshake, a validating one aborts with a
  \`certificate_expired\` alert (45).
- \`listener-config.txt\`: saved output of \`winrm enumerate winrm/config/listener\` on that server: the
  HTTPS listener on 5986 still names A's thumbprint, while the wire shows B after the renewal.
- \`make-samples.sh\`: the script that made all of the above.

| certificate | thumbprint (SHA-1 of the DER) | subject | not before | not after |
|---|---|---|---|---|
| A | \`$ORIGINAL\` | $(describe "$WORK/original.crt") |
| B | \`$RENEWED\` | $(describe "$WORK/renewed.crt") |
| expired | \`$EXPIRED\` | $(describe "$WORK/expired.crt") |
| CA | \`$AUTHORITY\` | $(describe "$WORK/ca/ca.crt") |
MD
rm -f "$HERE/thumbprints.txt"
echo "make-samples: wrote winrm-renewal.pcapng winrm-expired.pcapng listener-config.txt README.md"

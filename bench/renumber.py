#!/usr/bin/env python3
"""Copies a pcap (Ethernet, IPv4) replacing the third octet of one IPv4 address.

Used by make-capture.sh so every time-shifted copy of the base capture has its own client
address (10.77.0.2 -> 10.77.N.2): otherwise each copy repeats the first one's 4-tuples and TCP
sequence numbers and tshark takes the later copies for retransmissions. IPv4 and TCP/UDP
checksums are updated incrementally (RFC 1624), so they stay valid.

Usage: renumber.py IN OUT OLD_ADDRESS NEW_THIRD_OCTET
"""
import socket
import struct
import sys


def fold(x):
    while x >> 16:
        x = (x & 0xFFFF) + (x >> 16)
    return x


def adjust(checksum, old_word, new_word):
    # RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')
    return ~fold((~checksum & 0xFFFF) + (~old_word & 0xFFFF) + new_word) & 0xFFFF


def main():
    src, dst, old_text, octet = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    old = socket.inet_aton(old_text)
    new = old[:2] + bytes([octet]) + old[3:]
    old_word = struct.unpack("!H", old[2:4])[0]
    new_word = struct.unpack("!H", new[2:4])[0]
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        header = fin.read(24)
        magic = header[:4]
        if magic == b"\xd4\xc3\xb2\xa1" or magic == b"\x4d\x3c\xb2\xa1":
            endian = "<"
        elif magic == b"\xa1\xb2\xc3\xd4" or magic == b"\xa1\xb2\x3c\x4d":
            endian = ">"
        else:
            sys.exit("renumber: not a pcap file")
        if struct.unpack(endian + "I", header[20:24])[0] != 1:
            sys.exit("renumber: link type is not Ethernet")
        fout.write(header)
        rec = struct.Struct(endian + "IIII")
        while True:
            h = fin.read(16)
            if len(h) < 16:
                break
            incl = rec.unpack(h)[2]
            data = bytearray(fin.read(incl))
            if len(data) >= 34 and data[12:14] == b"\x08\x00" and data[14] >> 4 == 4:
                ihl = (data[14] & 0x0F) * 4
                changed = 0
                for off in (26, 30):
                    if data[off:off + 4] == old:
                        data[off:off + 4] = new
                        changed += 1
                if changed:
                    ip_sum = struct.unpack_from("!H", data, 24)[0]
                    for _ in range(changed):
                        ip_sum = adjust(ip_sum, old_word, new_word)
                    struct.pack_into("!H", data, 24, ip_sum)
                    proto = data[23]
                    frag = struct.unpack_from("!H", data, 20)[0] & 0x1FFF
                    l4 = 14 + ihl
                    where = {6: 16, 17: 6}.get(proto)
                    if where is not None and frag == 0 and len(data) >= l4 + where + 2:
                        l4_sum = struct.unpack_from("!H", data, l4 + where)[0]
                        if not (proto == 17 and l4_sum == 0):
                            for _ in range(changed):
                                l4_sum = adjust(l4_sum, old_word, new_word)
                            struct.pack_into("!H", data, l4 + where, l4_sum)
            fout.write(h)
            fout.write(data)


if __name__ == "__main__":
    main()

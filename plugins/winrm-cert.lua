-- winrm-cert.lua: a Wireshark post-dissector that gives every certificate the TLS dissector
-- finds (tls.handshake.certificate) a "winrm_cert" tree with filterable fields:
--
--   winrm_cert.thumbprint   SHA-1 of the DER bytes, 40 upper-case hex digits (as Windows shows it)
--   winrm_cert.sha256       SHA-256 of the DER bytes, 64 upper-case hex digits
--   winrm_cert.role         "server" or "client"
--   winrm_cert.position     0 for the end-entity certificate, 1.. for the chain behind it
--   winrm_cert.not_before   validity start, ISO 8601 UTC
--   winrm_cert.not_after    validity end, ISO 8601 UTC
--   winrm_cert.status       "valid", "expired", "not yet valid" (at the capture time of the frame)
--                           or "undecodable" when the validity dates cannot be read from the DER
--   winrm_cert.changed      the thumbprint the same server (address, port) presented earlier in
--                           the capture, present only when the end-entity certificate differs
--
-- Works on Wireshark 4.0 to 4.2 (Lua 5.2) and 4.4 and newer (Lua 5.4). The hashes are computed
-- here in Lua: with bit32 where the interpreter has it (5.2), with the native integer operators
-- where it has those (5.3, 5.4), and with plain arithmetic otherwise.
--
-- Outside Wireshark (no register_postdissector), loading this file returns the hashing and date
-- functions as a table, so they can be tested under any Lua interpreter.

local core = {}

local TWO_POW_32 = 4294967296

-------------------------------------------------------------------------------------------------
-- 32-bit word operations. Every value is a non-negative number below 2^32.

local function arithmetic_bitops()
    -- Bitwise operations by 4-bit digits: slow, but correct on any Lua with exact doubles.
    local function combine(a, b, digit_op)
        local result, place = 0, 1
        for _ = 1, 8 do
            local da, db = a % 16, b % 16
            result = result + digit_op(da, db) * place
            a, b, place = (a - da) / 16, (b - db) / 16, place * 16
        end
        return result
    end
    local function digit_table(bit_op)
        local t = {}
        for x = 0, 15 do
            t[x] = {}
            for y = 0, 15 do
                local r, p, xx, yy = 0, 1, x, y
                for _ = 1, 4 do
                    r = r + bit_op(xx % 2, yy % 2) * p
                    xx, yy, p = (xx - xx % 2) / 2, (yy - yy % 2) / 2, p * 2
                end
                t[x][y] = r
            end
        end
        return function(da, db) return t[da][db] end
    end
    local and_digit = digit_table(function(x, y) return x * y end)
    local or_digit = digit_table(function(x, y) return (x + y > 0) and 1 or 0 end)
    local xor_digit = digit_table(function(x, y) return (x + y) % 2 end)
    local ops = {}
    function ops.band(a, b) return combine(a, b, and_digit) end
    function ops.bor(a, b) return combine(a, b, or_digit) end
    function ops.bxor(a, b) return combine(a, b, xor_digit) end
    function ops.bnot(a) return TWO_POW_32 - 1 - a end
    function ops.rshift(a, n) return math.floor(a / 2 ^ n) end
    function ops.lrotate(a, n)
        local high = math.floor(a / 2 ^ (32 - n))
        return (a - high * 2 ^ (32 - n)) * 2 ^ n + high
    end
    return ops, "arithmetic"
end

local function bit32_bitops()
    local b = rawget(_G, "bit32")
    if type(b) ~= "table" then
        return nil
    end
    return {
        band = b.band, bor = b.bor, bxor = b.bxor, bnot = b.bnot,
        rshift = b.rshift, lrotate = b.lrotate,
    }, "bit32"
end

local function native_bitops()
    -- Compiled at run time so that Lua 5.2, which lacks these operators, can still load this file.
    local chunk = [[
        local M = 0xFFFFFFFF
        return {
            band = function(a, b) return a & b end,
            bor = function(a, b) return a | b end,
            bxor = function(a, b) return a ~ b end,
            bnot = function(a) return (~a) & M end,
            rshift = function(a, n) return a >> n end,
            lrotate = function(a, n) return ((a << n) | (a >> (32 - n))) & M end,
        }
    ]]
    local loader = load(chunk)
    if not loader then
        return nil
    end
    local ok, ops = pcall(loader)
    if not ok then
        return nil
    end
    return ops, "native"
end

-- Chooses the word operations; "preferred" may force "arithmetic", "bit32" or "native".
function core.select_bitops(preferred)
    local makers = {
        native = native_bitops, bit32 = bit32_bitops, arithmetic = arithmetic_bitops,
    }
    if preferred then
        local ops, name = makers[preferred]()
        if not ops then
            error("word operations '" .. preferred .. "' are not available in " .. _VERSION)
        end
        return ops, name
    end
    for _, name in ipairs({ "bit32", "native", "arithmetic" }) do
        local ops, chosen = makers[name]()
        if ops then
            return ops, chosen
        end
    end
end

local ops
ops, core.bitops_name = core.select_bitops(rawget(_G, "WINRM_CERT_BITOPS"))

local function add32(...)
    local sum = 0
    for i = 1, select("#", ...) do
        sum = sum + select(i, ...)
    end
    return sum % TWO_POW_32
end

-------------------------------------------------------------------------------------------------
-- Message padding shared by SHA-1 and SHA-256 (FIPS 180-4 section 5.1.1).

local function big_endian_bytes(value, count)
    local bytes = {}
    for i = count, 1, -1 do
        local byte = value % 256
        bytes[i] = string.char(byte)
        value = (value - byte) / 256
    end
    return table.concat(bytes)
end

local function pad_message(message)
    local length = #message
    local zeros = (55 - length) % 64
    return message .. "\128" .. string.rep("\0", zeros) .. big_endian_bytes(length * 8, 8)
end

local function read_word(data, position)
    local a, b, c, d = data:byte(position, position + 3)
    return ((a * 256 + b) * 256 + c) * 256 + d
end

local function words_to_hex(words)
    local parts = {}
    for i, word in ipairs(words) do
        parts[i] = string.format("%08X", word)
    end
    return table.concat(parts)
end

-------------------------------------------------------------------------------------------------
-- SHA-1 (FIPS 180-4 section 6.1).

function core.sha1(message)
    local band, bor, bxor, bnot, rotl = ops.band, ops.bor, ops.bxor, ops.bnot, ops.lrotate
    local h0, h1, h2, h3, h4 = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0
    local data = pad_message(message)
    local w = {}

    for block = 1, #data, 64 do
        for t = 0, 15 do
            w[t] = read_word(data, block + t * 4)
        end
        for t = 16, 79 do
            w[t] = rotl(bxor(bxor(w[t - 3], w[t - 8]), bxor(w[t - 14], w[t - 16])), 1)
        end

        local a, b, c, d, e = h0, h1, h2, h3, h4
        for t = 0, 79 do
            local f, k
            if t < 20 then
                f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
            elseif t < 40 then
                f, k = bxor(bxor(b, c), d), 0x6ED9EBA1
            elseif t < 60 then
                f, k = bor(bor(band(b, c), band(b, d)), band(c, d)), 0x8F1BBCDC
            else
                f, k = bxor(bxor(b, c), d), 0xCA62C1D6
            end
            local temp = add32(rotl(a, 5), f, e, k, w[t])
            a, b, c, d, e = temp, a, rotl(b, 30), c, d
        end

        h0, h1, h2, h3, h4 = add32(h0, a), add32(h1, b), add32(h2, c), add32(h3, d), add32(h4, e)
    end

    return words_to_hex({ h0, h1, h2, h3, h4 })
end

-------------------------------------------------------------------------------------------------
-- SHA-256 (FIPS 180-4 section 6.2). The round constants and initial hash value are section
-- 4.2.2 and 5.3.3 of the standard.

local SHA256_K = {
    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
    0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
    0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
    0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
    0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
    0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
    0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
}

local SHA256_H0 = {
    0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
}

function core.sha256(message)
    local band, bxor, bnot, rshift, rotl = ops.band, ops.bxor, ops.bnot, ops.rshift, ops.lrotate
    local function rotr(x, n) return rotl(x, 32 - n) end
    local h = {}
    for i, word in ipairs(SHA256_H0) do
        h[i] = word
    end
    local data = pad_message(message)
    local w = {}

    for block = 1, #data, 64 do
        for t = 0, 15 do
            w[t] = read_word(data, block + t * 4)
        end
        for t = 16, 63 do
            local x, y = w[t - 15], w[t - 2]
            local s0 = bxor(bxor(rotr(x, 7), rotr(x, 18)), rshift(x, 3))
            local s1 = bxor(bxor(rotr(y, 17), rotr(y, 19)), rshift(y, 10))
            w[t] = add32(w[t - 16], s0, w[t - 7], s1)
        end

        local a, b, c, d, e, f, g, hh = h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
        for t = 0, 63 do
            local big_s1 = bxor(bxor(rotr(e, 6), rotr(e, 11)), rotr(e, 25))
            local choose = bxor(band(e, f), band(bnot(e), g))
            local temp1 = add32(hh, big_s1, choose, SHA256_K[t + 1], w[t])
            local big_s0 = bxor(bxor(rotr(a, 2), rotr(a, 13)), rotr(a, 22))
            local majority = bxor(bxor(band(a, b), band(a, c)), band(b, c))
            local temp2 = add32(big_s0, majority)
            a, b, c, d, e, f, g, hh = add32(temp1, temp2), a, b, c, add32(d, temp1), e, f, g
        end

        h[1], h[2], h[3], h[4] = add32(h[1], a), add32(h[2], b), add32(h[3], c), add32(h[4], d)
        h[5], h[6], h[7], h[8] = add32(h[5], e), add32(h[6], f), add32(h[7], g), add32(h[8], hh)
    end

    return words_to_hex(h)
end

-------------------------------------------------------------------------------------------------
-- Dates: ASN.1 UTCTime and GeneralizedTime (X.680, as profiled by RFC 5280 section 4.1.2.5)
-- to seconds since 1970-01-01T00:00:00Z.

local ASN1_TAG_SEQUENCE = 0x30
local ASN1_TAG_INTEGER = 0x02
local ASN1_TAG_EXPLICIT_0 = 0xA0
local ASN1_TAG_UTC_TIME = 0x17
local ASN1_TAG_GENERALIZED_TIME = 0x18
core.UTC_TIME = ASN1_TAG_UTC_TIME
core.GENERALIZED_TIME = ASN1_TAG_GENERALIZED_TIME

-- Days from 1970-01-01 to the given proleptic Gregorian date (eras of 400 years).
function core.days_from_civil(year, month, day)
    if month <= 2 then
        year = year - 1
    end
    local era = math.floor(year / 400)
    local year_of_era = year - era * 400
    local shifted_month = (month + 9) % 12
    local day_of_year = math.floor((153 * shifted_month + 2) / 5) + day - 1
    local day_of_era = year_of_era * 365 + math.floor(year_of_era / 4)
        - math.floor(year_of_era / 100) + day_of_year
    return era * 146097 + day_of_era - 719468
end

-- Returns epoch seconds and the ISO 8601 text, or nil when the text is not a UTC time.
function core.parse_time(tag, text)
    local year, rest
    if tag == ASN1_TAG_UTC_TIME then
        local yy = text:match("^(%d%d)")
        if not yy then
            return nil
        end
        -- RFC 5280: YY >= 50 is 19YY, otherwise 20YY.
        year = tonumber(yy)
        year = year + (year >= 50 and 1900 or 2000)
        rest = text:sub(3)
    elseif tag == ASN1_TAG_GENERALIZED_TIME then
        local yyyy = text:match("^(%d%d%d%d)")
        if not yyyy then
            return nil
        end
        year = tonumber(yyyy)
        rest = text:sub(5)
    else
        return nil
    end

    local month, day, hour, minute, tail = rest:match("^(%d%d)(%d%d)(%d%d)(%d%d)(.*)$")
    if not month then
        return nil
    end
    local second = tail:match("^(%d%d)")
    if second then
        tail = tail:sub(3)
    end
    tail = tail:gsub("^%.%d+", "")
    if tail ~= "Z" then
        return nil
    end

    month, day, hour, minute = tonumber(month), tonumber(day), tonumber(hour), tonumber(minute)
    second = tonumber(second or "0")
    if month < 1 or month > 12 or day < 1 or day > 31 or hour > 23 or minute > 59 or second > 60 then
        return nil
    end
    local epoch = core.days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    local iso = string.format("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second)
    return epoch, iso
end

-------------------------------------------------------------------------------------------------
-- DER (X.690 section 8.1): just enough to reach tbsCertificate.validity (RFC 5280 section 4.1):
--   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL,
--     serialNumber INTEGER, signature AlgorithmIdentifier, issuer Name,
--     validity SEQUENCE { notBefore Time, notAfter Time }, ... }, ... }

-- Returns tag, first content position, position after the content; nil when malformed.
local function read_tlv(der, position, limit)
    local tag, length = der:byte(position, position + 1)
    if not length or position + 1 >= limit then
        return nil
    end
    local content = position + 2
    if length >= 0x80 then
        local length_bytes = length - 0x80
        if length_bytes == 0 or length_bytes > 4 or content + length_bytes > limit then
            return nil
        end
        length = 0
        for i = 0, length_bytes - 1 do
            length = length * 256 + der:byte(content + i)
        end
        content = content + length_bytes
    end
    if content + length > limit then
        return nil
    end
    return tag, content, content + length
end

-- Returns a table { not_before, not_after, not_before_iso, not_after_iso }, or nil and a reason.
function core.read_validity(der)
    local limit = #der + 1
    local tag, content, finish = read_tlv(der, 1, limit)
    if tag ~= ASN1_TAG_SEQUENCE then
        return nil, "not a DER SEQUENCE"
    end
    tag, content, finish = read_tlv(der, content, finish)
    if tag ~= ASN1_TAG_SEQUENCE then
        return nil, "no tbsCertificate"
    end

    local position, tbs_end = content, finish
    local function next_element()
        local t, c, f = read_tlv(der, position, tbs_end)
        if t then
            position = f
        end
        return t, c, f
    end

    tag = next_element()
    if tag == ASN1_TAG_EXPLICIT_0 then
        tag = next_element()
    end
    if tag ~= ASN1_TAG_INTEGER then
        return nil, "no serialNumber"
    end
    if next_element() ~= ASN1_TAG_SEQUENCE then
        return nil, "no signature algorithm"
    end
    if next_element() ~= ASN1_TAG_SEQUENCE then
        return nil, "no issuer"
    end
    local validity_tag, validity_start, validity_end = next_element()
    if validity_tag ~= ASN1_TAG_SEQUENCE then
        return nil, "no validity"
    end

    local result = {}
    position, tbs_end = validity_start, validity_end
    for _, name in ipairs({ "not_before", "not_after" }) do
        local time_tag, time_start, time_end = next_element()
        if not time_tag then
            return nil, "truncated validity"
        end
        local epoch, iso = core.parse_time(time_tag, der:sub(time_start, time_end - 1))
        if not epoch then
            return nil, "unreadable " .. name
        end
        result[name], result[name .. "_iso"] = epoch, iso
    end
    return result
end

-- "valid", "expired" or "not yet valid" at epoch seconds "at".
function core.status_at(validity, at)
    if at < validity.not_before then
        return "not yet valid"
    elseif at > validity.not_after then
        return "expired"
    end
    return "valid"
end

-------------------------------------------------------------------------------------------------
-- Outside Wireshark: hand the functions to the caller (tests).

if rawget(_G, "register_postdissector") == nil then
    return core
end

-------------------------------------------------------------------------------------------------
-- The post-dissector.

local HANDSHAKE_CLIENT_HELLO = 1
local HANDSHAKE_SERVER_HELLO = 2
local HANDSHAKE_CLIENT_KEY_EXCHANGE = 16

local winrm_cert = Proto("winrm_cert", "WinRM certificate")

local fields = {
    thumbprint = ProtoField.string("winrm_cert.thumbprint", "Thumbprint (SHA-1)"),
    sha256 = ProtoField.string("winrm_cert.sha256", "SHA-256"),
    role = ProtoField.string("winrm_cert.role", "Role"),
    position = ProtoField.uint8("winrm_cert.position", "Position in chain"),
    not_before = ProtoField.string("winrm_cert.not_before", "Not before"),
    not_after = ProtoField.string("winrm_cert.not_after", "Not after"),
    status = ProtoField.string("winrm_cert.status", "Status at capture time"),
    changed = ProtoField.string("winrm_cert.changed", "Changed from thumbprint"),
}
winrm_cert.fields = {
    fields.thumbprint, fields.sha256, fields.role, fields.position,
    fields.not_before, fields.not_after, fields.status, fields.changed,
}

local expert_expired = ProtoExpert.new("winrm_cert.expert.expired",
    "Certificate not valid at capture time", expert.group.SECURITY, expert.severity.WARN)
local expert_changed = ProtoExpert.new("winrm_cert.expert.changed",
    "Server presents a different certificate than earlier", expert.group.SECURITY,
    expert.severity.NOTE)
winrm_cert.experts = { expert_expired, expert_changed }

local field_certificate = Field.new("tls.handshake.certificate")
local field_certificates = Field.new("tls.handshake.certificates")
local field_handshake_type = Field.new("tls.handshake.type")
local field_tcp_stream = Field.new("tcp.stream")

-- Per capture: the client endpoint of each TCP stream (from its ClientHello), the last
-- end-entity thumbprint of each server endpoint, and the results per frame so that later
-- passes (the GUI re-dissects packets) show what the first, in-order pass found.
local clients_by_stream, thumbprint_by_server, results_by_frame

local function reset_state()
    clients_by_stream, thumbprint_by_server, results_by_frame = {}, {}, {}
end
reset_state()
winrm_cert.init = reset_state

local function endpoint(address, port)
    return tostring(address) .. " port " .. tostring(port)
end

local function handshake_types()
    local types = {}
    for _, info in ipairs({ field_handshake_type() }) do
        types[info.value] = true
    end
    return types
end

local function role_of_sender(pinfo, stream, types)
    local client = stream and clients_by_stream[stream]
    if client then
        return client == endpoint(pinfo.src, pinfo.src_port) and "client" or "server"
    end
    if types[HANDSHAKE_SERVER_HELLO] then
        return "server"
    end
    if types[HANDSHAKE_CLIENT_KEY_EXCHANGE] then
        return "client"
    end
    -- A capture that starts after the hellos: the listening side usually has the lower port.
    return pinfo.src_port < pinfo.dst_port and "server" or "client"
end

-- The first certificate after each certificate list header is the end-entity certificate.
local function chain_positions(certificates)
    local list_offsets = {}
    for _, info in ipairs({ field_certificates() }) do
        list_offsets[info.offset] = true
    end
    local positions, position = {}, 0
    for i, info in ipairs(certificates) do
        -- Each entry is a 3-byte length followed by the DER; TLS 1.3 entries start likewise.
        if i == 1 or list_offsets[info.offset - 3] then
            position = 0
        else
            position = position + 1
        end
        positions[i] = position
    end
    return positions
end

local function analyse_frame(pinfo)
    local stream_info = field_tcp_stream()
    local stream = stream_info and stream_info.value
    local types = handshake_types()
    if types[HANDSHAKE_CLIENT_HELLO] and stream and not clients_by_stream[stream] then
        clients_by_stream[stream] = endpoint(pinfo.src, pinfo.src_port)
    end

    local certificates = { field_certificate() }
    if #certificates == 0 then
        return nil
    end

    local role = role_of_sender(pinfo, stream, types)
    local positions = chain_positions(certificates)
    local results = {}
    for i, info in ipairs(certificates) do
        local der = info.value:raw()
        local result = {
            thumbprint = core.sha1(der),
            sha256 = core.sha256(der),
            role = role,
            position = positions[i],
        }
        local validity = core.read_validity(der)
        if validity then
            result.not_before, result.not_after = validity.not_before_iso, validity.not_after_iso
            result.status = core.status_at(validity, pinfo.abs_ts)
        else
            result.status = "undecodable"
        end
        if role == "server" and result.position == 0 then
            local server = endpoint(pinfo.src, pinfo.src_port)
            local earlier = thumbprint_by_server[server]
            if earlier and earlier ~= result.thumbprint then
                result.changed = earlier
            end
            thumbprint_by_server[server] = result.thumbprint
        end
        results[i] = result
    end
    return results
end

function winrm_cert.dissector(_, pinfo, tree)
    local results
    if pinfo.visited then
        results = results_by_frame[pinfo.number]
    else
        results = analyse_frame(pinfo)
        results_by_frame[pinfo.number] = results
    end
    if not results then
        return
    end

    for _, result in ipairs(results) do
        local subtree = tree:add(winrm_cert)
        subtree:append_text(string.format(", %s thumbprint %s, %s",
            result.role, result.thumbprint, result.status))
        subtree:add(fields.thumbprint, result.thumbprint)
        subtree:add(fields.sha256, result.sha256)
        subtree:add(fields.role, result.role)
        subtree:add(fields.position, result.position)
        if result.not_before then
            subtree:add(fields.not_before, result.not_before)
            subtree:add(fields.not_after, result.not_after)
        end
        subtree:add(fields.status, result.status)
        if result.status == "expired" or result.status == "not yet valid" then
            subtree:add_proto_expert_info(expert_expired, string.format(
                "Certificate %s is %s at capture time (valid %s to %s)", result.thumbprint,
                result.status, result.not_before, result.not_after))
        end
        if result.changed then
            subtree:add(fields.changed, result.changed)
            subtree:add_proto_expert_info(expert_changed, string.format(
                "Server certificate changed from %s to %s", result.changed, result.thumbprint))
        end
    end
end

register_postdissector(winrm_cert)

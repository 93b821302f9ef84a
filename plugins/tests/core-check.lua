-- Drives the hashing and date functions of winrm-cert.lua outside Wireshark, for the test suite.
-- usage: lua core-check.lua <winrm-cert.lua> <bitops: auto|bit32|native|arithmetic> <command> ...
--   hash <file>                   prints "<SHA-1> <SHA-256>" of the file's bytes
--   time <utc|generalized> <text> prints "<epoch seconds> <ISO 8601>", or "invalid"
--   validity <der file>           prints "<not before ISO> <not after ISO>", or "invalid <reason>"
--   status <der file> <epoch>     prints the status of the certificate at that time
local plugin, bitops, command = arg[1], arg[2], arg[3]
if bitops ~= "auto" then
    WINRM_CERT_BITOPS = bitops
end
local core = dofile(plugin)

local function read_file(path)
    local file = assert(io.open(path, "rb"))
    local data = file:read("*a")
    file:close()
    return data
end

if command == "hash" then
    local data = read_file(arg[4])
    print(core.sha1(data) .. " " .. core.sha256(data) .. " " .. core.bitops_name)
elseif command == "time" then
    local tag = arg[4] == "utc" and core.UTC_TIME or core.GENERALIZED_TIME
    local epoch, iso = core.parse_time(tag, arg[5])
    print(epoch and string.format("%d %s", epoch, iso) or "invalid")
elseif command == "validity" then
    local validity, reason = core.read_validity(read_file(arg[4]))
    print(validity and (validity.not_before_iso .. " " .. validity.not_after_iso)
        or ("invalid " .. reason))
elseif command == "status" then
    local validity = assert(core.read_validity(read_file(arg[4])))
    print(core.status_at(validity, tonumber(arg[5])))
else
    error("unknown command " .. tostring(command))
end

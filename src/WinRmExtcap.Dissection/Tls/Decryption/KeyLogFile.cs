namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// A key log file that clients keep appending to while a live capture runs (SSLKEYLOGFILE).
/// <see cref="TryReload"/> reads it again only when its size or time stamp changed, so calling it
/// for every unmatched TLS 1.3 record stays cheap.
/// </summary>
public sealed class KeyLogFile
{
    private readonly string _path;
    private long _length = -1;
    private DateTime _lastWriteUtc;

    public KeyLogFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>
    /// The file's entries when it changed since the last call, else null. A file that cannot be
    /// read right now (being rewritten, removed) also gives null: the next call tries again.
    /// </summary>
    public KeyLog? TryReload()
    {
        try
        {
            var info = new FileInfo(_path);
            if (!info.Exists || (info.Length == _length && info.LastWriteTimeUtc == _lastWriteUtc))
            {
                return null;
            }
            _length = info.Length;
            _lastWriteUtc = info.LastWriteTimeUtc;
            return KeyLog.Load(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

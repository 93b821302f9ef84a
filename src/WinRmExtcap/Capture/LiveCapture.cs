using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SharpPcap;
using SharpPcap.LibPcap;
using WinRmExtcap.Annotation;
using WinRmExtcap.Certificates;
using WinRmExtcap.Control;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.Logging;
using WinRmExtcap.Options;
using WinRmExtcap.Protocol;

namespace WinRmExtcap.Capture;

/// <summary>
/// The <c>--capture</c> call: captures on a libpcap device with the WinRM filter, runs each
/// packet through the dissector and writes it, with its comments, to the fifo as pcapng, flushed
/// packet by packet, until a signal, a closed fifo or a closed control pipe ends it.
/// </summary>
internal sealed class LiveCapture : IDisposable
{
    /// <summary>libpcap's own maximum (MAXIMUM_SNAPLEN): whole packets, so whole certificates.</summary>
    public const int SnapLengthBytes = 262_144;

    /// <summary>libpcap's read timeout; in non-blocking mode it only bounds batching.</summary>
    private const int ReadTimeoutMs = 100;

    /// <summary>How long the loop sleeps when no packet is waiting.</summary>
    private const int IdleWaitMs = 10;

    /// <summary>How often the loop checks that Wireshark still reads the fifo.</summary>
    private const int ReaderProbeIntervalMs = 200;

    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>pcapng if_tsresol for nanoseconds (10^-9 s).</summary>
    private const byte NanosecondDigits = 9;

    /// <summary>DLT_RAW as libpcap reports it on most systems (12) and on OpenBSD (14).</summary>
    private const uint DltRawCommon = 12;
    private const uint DltRawOpenBsd = 14;

    private readonly ParentWatch _parentWatch = new();
    private readonly CaptureSettings _settings;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly byte[] _packetBuffer = new byte[SnapLengthBytes];
    private LibPcapLiveDevice? _device;
    private Stream? _fifo;
    private PcapNgWriter? _writer;
    private ControlChannel? _control;
    private long _frameNumber;

    public LiveCapture(CaptureSettings settings, ILoggerFactory loggerFactory)
    {
        _settings = settings;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LiveCapture>();
    }

    /// <summary>Captures until <paramref name="stop"/> is cancelled or the reader goes away.</summary>
    /// <exception cref="ExtcapUsageException">The device, the filter or the fifo cannot be used.</exception>
    public ExitCode Run(CancellationToken stop)
    {
        LibPcapLiveDevice device;
        try
        {
            CheckCertificateFolder();
            device = OpenDevice();
        }
        catch (ExtcapUsageException e)
        {
            Log.CaptureFailed(_logger, e.Message);
            throw;
        }
        var linkType = ToLinkType((uint)device.LinkType);

        _fifo = OpenFifo();
        _writer = new PcapNgWriter(_fifo, "winrm-extcap " + ExtcapInterface.Version);
        var interfaceId = _writer.AddInterface(linkType, SnapLengthBytes, device.Name, NanosecondDigits);
        _writer.Flush();
        Log.FifoOpened(_logger, _settings.Fifo);

        if (_settings.ControlIn is not null && _settings.ControlOut is not null)
        {
            _control = new ControlChannel(_settings.ControlIn, _settings.ControlOut, _logger);
            _control.Start();
        }
        var folder = _settings.CertificateFolder is null ? null : new CertificateFolder(_settings.CertificateFolder);
        var toolbar = new CaptureToolbar(_control, folder);
        var annotator = CaptureAnnotators.Create(AnnotationOptionsOf(_settings), _loggerFactory);
        annotator.NewCertificate += (certificate, comment) =>
            OnNewCertificate(certificate, comment, folder, toolbar, annotator.Certificates.Count);

        var reason = CaptureLoop(device, linkType, interfaceId, annotator, toolbar, stop);
        Log.CaptureStopped(_logger, reason, _frameNumber);
        return ExitCode.Success;
    }

    public void Dispose()
    {
        _control?.Dispose();
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // The reader is gone; what was flushed before stays readable.
        }
        _fifo?.Dispose();
        _device?.Dispose();
    }

    private string CaptureLoop(
        LibPcapLiveDevice device,
        LinkType linkType,
        int interfaceId,
        ICaptureAnnotator annotator,
        CaptureToolbar toolbar,
        CancellationToken stop)
    {
        var sinceProbe = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            toolbar.HandleReceived(annotator.Certificates);
            if (_control is { IncomingClosed: true })
            {
                return "control pipe closed";
            }
            if (sinceProbe.ElapsedMilliseconds >= ReaderProbeIntervalMs)
            {
                sinceProbe.Restart();
                if (PipeReaderProbe.IsReaderGone(_fifo!)) // Set in Run before the loop starts.
                {
                    Log.FifoClosed(_logger, "no reader");
                    return "fifo closed";
                }
                if (_parentWatch.HasParentGone())
                {
                    Log.FifoClosed(_logger, "the program that started the capture is gone");
                    return "parent gone";
                }
            }

            var status = device.GetNextPacket(out var capture);
            if (status == GetPacketStatus.Error)
            {
                Log.CaptureFailed(_logger, device.LastError);
                throw new ExtcapUsageException($"capture on {device.Name} failed: {device.LastError}",
                    ExitCode.CaptureError);
            }
            if (status != GetPacketStatus.PacketRead)
            {
                stop.WaitHandle.WaitOne(IdleWaitMs);
                continue;
            }

            if (!TryWrite(capture, linkType, interfaceId, annotator))
            {
                return "fifo closed";
            }
        }
        return "stop requested";
    }

    private bool TryWrite(PacketCapture capture, LinkType linkType, int interfaceId, ICaptureAnnotator annotator)
    {
        var data = capture.Data;
        var capturedBytes = Math.Min(data.Length, _packetBuffer.Length);
        data[..capturedBytes].CopyTo(_packetBuffer);
        var header = capture.Header;
        var originalLength = header is PcapHeader pcapHeader ? (int)pcapHeader.PacketLength : capturedBytes;
        var packet = new CapturedPacket(
            ++_frameNumber,
            interfaceId,
            linkType,
            (long)(header.Timeval.Value * NanosecondsPerSecond),
            Math.Max(originalLength, capturedBytes),
            _packetBuffer.AsMemory(0, capturedBytes),
            []);

        var comments = annotator.Annotate(packet);
        try
        {
            _writer!.WritePacket(interfaceId, packet.TimestampNs, packet.OriginalLength, packet.Data.Span,
                _settings.Annotate ? comments : null); // Set in Run before the loop starts.
            _writer.Flush();
        }
        catch (IOException e)
        {
            Log.FifoClosed(_logger, e.Message);
            return false;
        }
        Log.PacketWritten(_logger, packet.FrameNumber, capturedBytes, packet.OriginalLength, comments.Count);
        return true;
    }

    private void OnNewCertificate(
        CertificateRecord certificate,
        string comment,
        CertificateFolder? folder,
        CaptureToolbar toolbar,
        int count)
    {
        Log.CertificateSeen(_logger, _frameNumber, comment);
        if (folder is not null)
        {
            if (folder.TrySave(certificate, out var error))
            {
                Log.CertificateSaved(_logger, certificate.Thumbprint.Hex, folder.FileOf(certificate));
            }
            else
            {
                Log.CertificateSaveFailed(_logger, certificate.Thumbprint.Hex, folder.Path, error ?? string.Empty);
            }
        }
        toolbar.ShowNewCertificate(comment, count);
    }

    private LibPcapLiveDevice OpenDevice()
    {
        var name = _settings.Device
            ?? CaptureDevices.List(null).FirstOrDefault(d => d.IsDefault).Name
            ?? throw new ExtcapUsageException("no capture device found (is libpcap or Npcap installed?)",
                ExitCode.CaptureError);
        var filter = CaptureFilter.Build(_settings.CaptureFilter, _settings.Ports, _settings.ServerHost);
        if (CaptureFilter.Check(filter) is { } filterError)
        {
            throw new ExtcapUsageException($"capture filter \"{filter}\": {filterError}");
        }

        try
        {
            _device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == name)
                ?? throw new ExtcapUsageException($"capture device {name} not found", ExitCode.CaptureError);
            _device.Open(new DeviceConfiguration
            {
                Mode = DeviceModes.None,
                Snaplen = SnapLengthBytes,
                ReadTimeout = ReadTimeoutMs,
                Immediate = true,
                TimestampResolution = TimestampResolution.Nanosecond,
            });
            _device.Filter = filter;

            // libpcap's read timeout does not expire on Linux when no packet arrives (TPACKET_V3),
            // so reads do not block and the loop waits briefly itself.
            _device.NonBlockingMode = true;
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or TypeInitializationException)
        {
            throw new ExtcapUsageException($"cannot capture on {name}: {e.Message}", ExitCode.CaptureError);
        }

        Log.CaptureStarting(_logger, name, (uint)_device.LinkType, SnapLengthBytes, filter);
        return _device;
    }

    private Stream OpenFifo()
    {
        try
        {
            return PipeEnds.OpenForWriting(_settings.Fifo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new ExtcapUsageException($"cannot open fifo {_settings.Fifo}: {e.Message}", ExitCode.CaptureError);
        }
    }

    /// <exception cref="ExtcapUsageException">The certificate folder cannot take files.</exception>
    private void CheckCertificateFolder()
    {
        if (_settings.CertificateFolder is not { } path)
        {
            return;
        }
        if (new CertificateFolder(path).CheckWritable() is { } reason)
        {
            throw new ExtcapUsageException($"{OptionNames.CertificateFolder}: cannot save certificates in {path}: "
                + reason);
        }
    }

    private static AnnotationOptions AnnotationOptionsOf(CaptureSettings settings) => new()
    {
        ExpectedThumbprints = settings.ExpectedThumbprint is { } expected ? [expected] : [],
        Ports = settings.Ports.ToHashSet(),
        GrowingKeyLog = settings.KeyLogFile is { } path ? new KeyLogFile(path) : null,
    };

    /// <summary>libpcap reports DLT_ values; pcapng wants LINKTYPE_ values, which differ for raw IP.</summary>
    private static LinkType ToLinkType(uint dlt) =>
        dlt is DltRawCommon or DltRawOpenBsd ? LinkType.Raw : (LinkType)dlt;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Probing;

/// <summary>
/// Completes one TLS handshake with an endpoint and records what the server presented. The
/// certificate callback accepts every certificate (nothing here is sent over the connection, so
/// nothing is at stake) and records the chain and the platform's complaints; trust, name and
/// validity are then judged separately and reported, never enforced.
/// </summary>
public sealed class TlsProber
{
    private const string SystemAnchor = "system";

    /// <summary>id-kp-serverAuth (RFC 5280 section 4.2.1.12): the chain must allow server authentication.</summary>
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private readonly ProbeSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public TlsProber(ProbeSettings settings, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Probes <paramref name="target"/> within the configured timeout. Network and TLS failures
    /// come back as a result with <see cref="ProbeResult.Failure"/> set; only cancellation by
    /// <paramref name="cancellation"/> throws.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public async Task<ProbeResult> ProbeAsync(ProbeTarget target, CancellationToken cancellation)
    {
        var at = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_settings.Timeout);

        var phase = "connect";
        try
        {
            using var socket = await ConnectAsync(target, timeout.Token);
            var remote = (IPEndPoint?)socket.RemoteEndPoint;
            phase = "TLS handshake";
            var result = await HandshakeAsync(target, socket, at, timeout.Token);
            result = result with { RemoteEndPoint = remote, Elapsed = clock.Elapsed };
            ProbeLog.HandshakeCompleted(_logger, target.ToString(), result.Protocol.ToString(),
                result.CipherSuite.ToString(), result.Chain.Count, result.PolicyErrors.ToString(),
                clock.ElapsedMilliseconds);
            return result;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            var seconds = _settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return Failed(target, at, clock, ProbeFailureKind.TimedOut, $"no {phase} within {seconds} s");
        }
        catch (ProbeFailedException e)
        {
            return Failed(target, at, clock, e.Failure.Kind, e.Failure.Reason);
        }
        catch (SocketException e)
        {
            return Failed(target, at, clock, Classify(e), Describe(e));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return Failed(target, at, clock, ProbeFailureKind.HandshakeFailed,
                $"TLS handshake failed: {Innermost(e)}");
        }
    }

    private ProbeResult Failed(ProbeTarget target, DateTimeOffset at, Stopwatch clock, ProbeFailureKind kind,
        string reason)
    {
        ProbeLog.ProbeFailed(_logger, target.ToString(), kind, reason);
        return new ProbeResult
        {
            Target = target,
            At = at,
            Elapsed = clock.Elapsed,
            Failure = new ProbeFailure(kind, reason),
        };
    }

    /// <summary>Resolves the host and tries each address in turn; the last error is the one reported.</summary>
    private async Task<Socket> ConnectAsync(ProbeTarget target, CancellationToken cancellation)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(target.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(target.Host, cancellation);
            }
            catch (SocketException e)
            {
                throw new ProbeFailedException(new ProbeFailure(ProbeFailureKind.NameNotResolved,
                    $"name not resolved: {e.Message}"));
            }
            if (addresses.Length == 0)
            {
                throw new ProbeFailedException(new ProbeFailure(ProbeFailureKind.NameNotResolved,
                    "name not resolved: no addresses"));
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ProbeLog.Connecting(_logger, target.ToString(), address.ToString());
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellation);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!; // addresses is never empty here, so the loop ran and failed at least once.
    }

    private async Task<ProbeResult> HandshakeAsync(ProbeTarget target, Socket socket, DateTimeOffset at,
        CancellationToken cancellation)
    {
        byte[]? leaf = null;
        var intermediates = new List<byte[]>();
        var policyErrors = SslPolicyErrors.None;

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = _settings.ServerName ?? target.Host,
            EnabledSslProtocols = _settings.Tls12Only ? SslProtocols.Tls12 : SslProtocols.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                // Record, never refuse: the verdicts are reported after the handshake.
                leaf = certificate?.GetRawCertData();
                policyErrors = errors;
                if (chain is not null)
                {
                    foreach (var sent in chain.ChainPolicy.ExtraStore)
                    {
                        intermediates.Add(sent.RawData);
                    }
                }
                return true;
            },
        };
        await tls.AuthenticateAsClientAsync(options, cancellation);

        if (leaf is null)
        {
            throw new ProbeFailedException(new ProbeFailure(ProbeFailureKind.HandshakeFailed,
                "the server sent no certificate"));
        }
        var chainRecords = new List<CertificateRecord> { CertificateRecord.FromDer(leaf) };
        chainRecords.AddRange(intermediates
            .Where(der => !der.AsSpan().SequenceEqual(leaf))
            .Select(CertificateRecord.FromDer));
        var leafRecord = chainRecords[0];
        var details = leafRecord.IsDecoded ? CertificateDetails.Of(leafRecord) : null;

        var serverName = _settings.ServerName ?? target.Host;
        return new ProbeResult
        {
            Target = target,
            At = at,
            Protocol = tls.SslProtocol,
            CipherSuite = tls.NegotiatedCipherSuite,
            Chain = chainRecords,
            PolicyErrors = policyErrors,
            Validity = ValidityVerdict.Of(leafRecord, at),
            NameMatches = details is null ? null : HostNameMatcher.Matches(details, serverName),
            ServerName = serverName,
            Trust = JudgeTrust(chainRecords, at),
        };
    }

    /// <summary>Builds the chain from the presented certificates to the system store or the --ca anchors.</summary>
    private ChainTrust JudgeTrust(IReadOnlyList<CertificateRecord> presented, DateTimeOffset at)
    {
        var anchor = _settings.TrustAnchors is null ? SystemAnchor : _settings.TrustAnchorSource ?? "--ca";
        using var leaf = presented[0].TryLoad();
        if (leaf is null)
        {
            return new ChainTrust(false, anchor, ["UndecodableCertificate"]);
        }

        var loaded = new List<X509Certificate2>();
        try
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = at.UtcDateTime;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ServerAuthenticationOid));
            foreach (var certificate in presented.Skip(1))
            {
                if (certificate.TryLoad() is { } intermediate)
                {
                    loaded.Add(intermediate);
                    chain.ChainPolicy.ExtraStore.Add(intermediate);
                }
            }
            if (_settings.TrustAnchors is { } anchors)
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            }

            var trusted = chain.Build(leaf);
            var problems = chain.ChainStatus
                .Where(status => status.Status != X509ChainStatusFlags.NoError)
                .Select(status => status.Status.ToString())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
            return new ChainTrust(trusted && problems.Count == 0, anchor, problems);
        }
        finally
        {
            foreach (var certificate in loaded)
            {
                certificate.Dispose();
            }
        }
    }

    private static ProbeFailureKind Classify(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => ProbeFailureKind.ConnectionRefused,
        SocketError.TimedOut => ProbeFailureKind.TimedOut,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ProbeFailureKind.NameNotResolved,
        _ => ProbeFailureKind.ConnectFailed,
    };

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.HostUnreachable => "host unreachable",
        _ => $"cannot connect: {e.Message}",
    };

    private static string Innermost(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message = inner.Message;
        }
        return message;
    }
}

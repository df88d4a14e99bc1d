using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Intelligence;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// Sharing with the trust group: exports and publishes campaigns as STIX bundles, pulls the peers' collections into
/// the store and the <see cref="PeerIndicatorIndex"/> the engine matches against, and sends sightings back. Every
/// object published, received or sent is written to the audit log before the call answers.
/// </summary>
internal sealed partial class SharingCoordinator(
    IOptions<SharingOptions> options,
    SharingKeys keys,
    SharingStore store,
    EngineHost engine,
    AuditTrail audit,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<SharingCoordinator> logger) : IDisposable
{
    /// <summary>The name of the HTTP client used to reach peers.</summary>
    public const string HttpClientName = "distillguard-sharing";

    private const string System = "system";

    private readonly SharingOptions _options = options.Value;
    private readonly SemaphoreSlim _identityGate = new(1, 1);
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _peerGates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, int Count)> _sightingsSent = new(StringComparer.Ordinal);
    private readonly StixIdGenerator _ids = StixIdGenerator.CreateCryptographic();
    private StixIdentity? _identity;

    public bool Enabled => _options.Enabled;

    public SharingOptions Options => _options;

    /// <summary>Builds the bundle of one current campaign.</summary>
    /// <exception cref="KeyNotFoundException">No such campaign.</exception>
    /// <exception cref="SharingRefusedException">The policy forbids it.</exception>
    public async Task<StixBundle> ExportAsync(string campaignId, TrafficLightProtocol? tlp, CancellationToken cancellationToken)
    {
        var findings = await engine.GetFindingsAsync(cancellationToken).ConfigureAwait(false);
        var campaign = findings.Campaigns.FirstOrDefault(c => c.Id == campaignId) ?? throw new KeyNotFoundException($"campaign {campaignId} does not exist");
        return Builder().Build(await RequestAsync(campaign, findings, tlp, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Publishes the current campaigns not published in their present state to the local collection.</summary>
    public async Task<PublishResultDto> PublishAsync(string actor, CancellationToken cancellationToken)
    {
        var collection = TaxiiDirectory.CanonicalId(_options.LocalCollection ?? throw new InvalidOperationException("Sharing:LocalCollection is not configured"));
        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var findings = await engine.GetFindingsAsync(cancellationToken).ConfigureAwait(false);
            var builder = Builder();
            var published = new List<PublishedCampaignDto>();
            var skipped = new List<SkippedCampaignDto>();
            foreach (var campaign in findings.Campaigns)
            {
                if (!_options.Policy.IsShareable(campaign))
                {
                    skipped.Add(new SkippedCampaignDto { Campaign = campaign.Id, Reason = "score below the sharing minimum" });
                    continue;
                }

                var digest = Digest(campaign);
                if (await store.WasPublishedAsync(campaign.Id, digest, cancellationToken).ConfigureAwait(false))
                {
                    skipped.Add(new SkippedCampaignDto { Campaign = campaign.Id, Reason = "unchanged since it was published" });
                    continue;
                }

                StixBundle bundle;
                try
                {
                    bundle = builder.Build(await RequestAsync(campaign, findings, tlp: null, cancellationToken).ConfigureAwait(false));
                }
                catch (SharingRefusedException ex)
                {
                    skipped.Add(new SkippedCampaignDto { Campaign = campaign.Id, Reason = ex.Message });
                    continue;
                }

                var now = time.GetUtcNow();
                var outcomes = await store.AddAsync(collection, [.. bundle.Objects.Select(o => StixSerializer.Serialize(o))], now, CancellationToken.None).ConfigureAwait(false);
                foreach (var (item, outcome) in outcomes)
                {
                    await audit.WriteAsync(actor, "share.object.published", "stix:" + item.Id, new Dictionary<string, string?>
                    {
                        ["campaign"] = campaign.Id,
                        ["bundle"] = bundle.Id,
                        ["collection"] = collection,
                        ["outcome"] = outcome is null ? "refused: " + item.Problem : outcome.Added ? "added" : "duplicate",
                    }, CancellationToken.None).ConfigureAwait(false);
                }

                await store.MarkPublishedAsync(campaign.Id, digest, bundle.Id, now, CancellationToken.None).ConfigureAwait(false);
                published.Add(new PublishedCampaignDto
                {
                    Campaign = campaign.Id,
                    Bundle = bundle.Id,
                    Objects = bundle.Objects.Count,
                    Added = outcomes.Count(o => o.Outcome?.Added == true),
                    Indicators = [.. bundle.OfType<StixIndicator>().Select(i => i.Id)],
                });
            }

            return new PublishResultDto { Collection = collection, Published = published, Skipped = skipped };
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>Pulls every configured peer (or one), rebuilds the index, and sends the sightings due.</summary>
    public async Task<PullResultDto> PullAsync(string? onlyPeer, CancellationToken cancellationToken)
    {
        var results = new List<PeerPullDto>();
        foreach (var peer in _options.Peers.Where(p => onlyPeer is null || p.Name == onlyPeer))
        {
            results.Add(await PullPeerAsync(peer, cancellationToken).ConfigureAwait(false));
        }

        var load = await ReloadIndexAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            var peer = _options.Peers.First(p => p.Name == results[i].Peer);
            results[i] = new PeerPullDto
            {
                Peer = results[i].Peer, Received = results[i].Received, Added = results[i].Added, Refused = results[i].Refused,
                AddedAfter = results[i].AddedAfter, Error = results[i].Error,
                SightingsSent = results[i].Error is null ? await SendSightingsAsync(peer, cancellationToken).ConfigureAwait(false) : 0,
            };
        }

        return new PullResultDto { Peers = results, IndicatorsIndexed = load.Indexed, IndicatorsIgnored = load.Unparsed + load.Revoked };
    }

    /// <summary>Stores objects a peer sent that were pulled by someone else (the command line), and rebuilds the index.</summary>
    public async Task<PullResultDto> ImportAsync(string peer, string actor, IReadOnlyList<string> objectsJson, CancellationToken cancellationToken)
    {
        var (added, refused) = await StoreReceivedAsync(peer, actor, objectsJson, cancellationToken).ConfigureAwait(false);
        await store.RememberPeerAsync(peer, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        var load = await ReloadIndexAsync(cancellationToken).ConfigureAwait(false);
        return new PullResultDto
        {
            Peers = [new PeerPullDto { Peer = peer, Received = objectsJson.Count, Added = added, Refused = refused }],
            IndicatorsIndexed = load.Indexed,
            IndicatorsIgnored = load.Unparsed + load.Revoked,
        };
    }

    /// <summary>Rebuilds the index from every indicator received so far.</summary>
    public async Task<PeerIndicatorIndexLoad> ReloadIndexAsync(CancellationToken cancellationToken)
    {
        var index = keys.Index ?? throw new InvalidOperationException("sharing is not configured");
        var peers = _options.Peers.Select(p => p.Name).Concat(await store.ReadImportedPeersAsync(cancellationToken).ConfigureAwait(false)).Distinct(StringComparer.Ordinal);
        var (indicators, unreadable) = await store.ReadIndicatorsAsync(peers, cancellationToken).ConfigureAwait(false);
        var load = index.Replace(indicators);
        LogIndexed(logger, load.Indexed, load.Values, load.Unparsed + unreadable, load.Revoked);
        return load with { Unparsed = load.Unparsed + unreadable };
    }

    /// <summary>Gets this provider's identity, made and stored the first time.</summary>
    public async Task<StixIdentity> GetIdentityAsync(CancellationToken cancellationToken)
    {
        if (_identity is { } known)
        {
            return known;
        }

        await _identityGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _identity ??= await store.FindIdentityAsync(cancellationToken).ConfigureAwait(false);
            if (_identity is null || _identity.Name != _options.ProducerName)
            {
                var made = CampaignBundleBuilder.CreateProducerIdentity(_options.ProducerName, _ids, time);
                await store.SaveIdentityAsync(made, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                _identity = made;
            }

            return _identity;
        }
        finally
        {
            _identityGate.Release();
        }
    }

    private async Task<PeerPullDto> PullPeerAsync(SharingPeerOptions peer, CancellationToken cancellationToken)
    {
        var gate = _peerGates.GetOrAdd(peer.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        int received = 0, added = 0, refused = 0;
        var cursor = TaxiiPullCursor.Start;
        try
        {
            cursor = await store.ReadCursorAsync(peer.Name, cancellationToken).ConfigureAwait(false);
            var client = ClientFor(peer);
            await foreach (var page in client.GetAllObjectsAsync(peer.Collection, cursor, cancellationToken).ConfigureAwait(false))
            {
                received += page.Objects.Count;
                var (pageAdded, pageRefused) = await StoreReceivedAsync(peer.Name, "peer:" + peer.Name, [.. page.Objects.Select(o => o.GetRawText())], cancellationToken).ConfigureAwait(false);
                added += pageAdded;
                refused += pageRefused;

                // Durable after each page: a pull that stops here resumes after it.
                await store.SaveCursorAsync(peer.Name, page.Cursor, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                cursor = page.Cursor;
            }

            LogPulled(logger, peer.Name, received, added);
            return new PeerPullDto { Peer = peer.Name, Received = received, Added = added, Refused = refused, AddedAfter = Format(cursor.AddedAfter) };
        }
        catch (Exception ex) when (ex is TaxiiException or InvalidDataException)
        {
            LogPullFailed(logger, ex, peer.Name);
            return new PeerPullDto { Peer = peer.Name, Received = received, Added = added, Refused = refused, AddedAfter = Format(cursor.AddedAfter), Error = ex.Message };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(int Added, int Refused)> StoreReceivedAsync(string peer, string actor, IReadOnlyList<string> objectsJson, CancellationToken cancellationToken)
    {
        if (objectsJson.Count == 0)
        {
            return (0, 0);
        }

        var collection = SharingStore.ReceivedCollection(peer);
        var outcomes = await store.AddAsync(collection, objectsJson, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var (item, outcome) in outcomes)
        {
            await audit.WriteAsync(actor, outcome is null ? "share.object.refused" : "share.object.received", "stix:" + item.Id, new Dictionary<string, string?>
            {
                ["peer"] = peer,
                ["version"] = item.Version,
                ["outcome"] = outcome is null ? item.Problem : outcome.Added ? "added" : "duplicate",
            }, CancellationToken.None).ConfigureAwait(false);
        }

        return (outcomes.Count(o => o.Outcome?.Added == true), outcomes.Count(o => o.Outcome is null));
    }

    /// <summary>Sends a sighting of each of the peer's indicators that matched here since the last one, at most once per interval.</summary>
    private async Task<int> SendSightingsAsync(SharingPeerOptions peer, CancellationToken cancellationToken)
    {
        if (!peer.SendSightings || keys.Index is not { } index)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var due = index.Sightings()
            .Where(s => s.Peer == peer.Name)
            .Where(s => !_sightingsSent.TryGetValue(s.IndicatorId, out var last) || (last.Count != s.Count && now - last.At >= peer.SightingInterval))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var identity = await GetIdentityAsync(cancellationToken).ConfigureAwait(false);
        var stamp = StixTimestamp.Truncate(now);
        var marking = new[] { TlpMarkings.IdOf(_options.Policy.DefaultTlp) };
        var objects = new List<StixObject> { TlpMarkings.Definition(_options.Policy.DefaultTlp), identity with { ObjectMarkingRefs = marking } };
        objects.AddRange(due.Select(s => new StixSighting
        {
            Id = _ids.NewId(StixSighting.TypeName),
            CreatedByRef = identity.Id,
            Created = stamp,
            Modified = stamp,
            Description = string.Create(CultureInfo.InvariantCulture, $"{identity.Name} matched this indicator {s.Count} time(s) among its own accounts' fingerprints."),
            FirstSeen = StixTimestamp.Truncate(s.FirstSeen),
            LastSeen = StixTimestamp.Truncate(s.LastSeen),
            Count = Math.Min(s.Count, 999_999_999),
            SightingOfRef = s.IndicatorId,
            WhereSightedRefs = [identity.Id],
            Labels = ["distillguard", "model-distillation"],
            ObjectMarkingRefs = marking,
        }));

        var collection = peer.SightingsCollection ?? peer.Collection;
        try
        {
            var status = await ClientFor(peer).AddObjectsAsync(collection, objects, cancellationToken).ConfigureAwait(false);
            foreach (var sent in objects)
            {
                var failure = status.Failures?.FirstOrDefault(f => f.Id == sent.Id);
                await audit.WriteAsync(System, "share.sighting.sent", "stix:" + sent.Id, new Dictionary<string, string?>
                {
                    ["peer"] = peer.Name,
                    ["collection"] = collection,
                    ["type"] = sent.Type,
                    ["sighting_of"] = (sent as StixSighting)?.SightingOfRef,
                    ["outcome"] = failure is null ? "accepted" : "refused: " + failure.Message,
                }, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var sighting in due)
            {
                _sightingsSent[sighting.IndicatorId] = (now, sighting.Count);
            }

            return due.Count;
        }
        catch (TaxiiException ex)
        {
            LogSightingsFailed(logger, ex, peer.Name);
            return 0;
        }
    }

    public void Dispose()
    {
        _identityGate.Dispose();
        _publishGate.Dispose();
        foreach (var gate in _peerGates.Values)
        {
            gate.Dispose();
        }
    }

    private TaxiiClient ClientFor(SharingPeerOptions peer) => new(
        httpClients.CreateClient(HttpClientName),
        new TaxiiClientOptions { ApiRoot = peer.ApiRoot, Username = peer.Username, Password = peer.Password, Token = peer.Token },
        time);

    private CampaignBundleBuilder Builder() =>
        new(_options.Policy, keys.Ring ?? throw new InvalidOperationException("sharing is not configured"), _ids, time);

    private async Task<CampaignExportRequest> RequestAsync(CampaignFinding campaign, FindingsDocument findings, TrafficLightProtocol? tlp, CancellationToken cancellationToken)
    {
        var members = campaign.Subjects.ToHashSet();
        return new CampaignExportRequest
        {
            Campaign = campaign,
            Subjects = [.. findings.Subjects.Where(s => members.Contains(new SubjectKey(s.AccountId, s.EndUserId)))],
            Producer = await GetIdentityAsync(cancellationToken).ConfigureAwait(false),
            Tlp = tlp,
            LastSeen = findings.Input.LastTimestamp,
        };
    }

    /// <summary>A campaign's state for publishing: its members and the values that tie them (not its drifting score).</summary>
    private static string Digest(CampaignFinding campaign)
    {
        var text = new StringBuilder();
        foreach (var member in campaign.Subjects.Select(s => s.AccountId + "\u001f" + s.EndUserId).Order(StringComparer.Ordinal))
        {
            text.Append(member).Append('\n');
        }

        foreach (var link in campaign.Links.Select(l => l.Kind + "\u001f" + l.Value).Order(StringComparer.Ordinal))
        {
            text.Append(link).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static string? Format(DateTimeOffset? value) => value is { } v ? TaxiiTimestamps.Format(v) : null;

    [LoggerMessage(1, LogLevel.Information, "Indexed {Indicators} peer indicators ({Values} values); ignored {Unparsed} unreadable and {Revoked} revoked")]
    private static partial void LogIndexed(ILogger logger, int indicators, int values, int unparsed, int revoked);

    [LoggerMessage(2, LogLevel.Information, "Pulled {Received} objects from peer {Peer} ({Added} new)")]
    private static partial void LogPulled(ILogger logger, string peer, int received, int added);

    [LoggerMessage(3, LogLevel.Warning, "Could not pull peer {Peer}")]
    private static partial void LogPullFailed(ILogger logger, Exception exception, string peer);

    [LoggerMessage(4, LogLevel.Warning, "Could not send sightings to peer {Peer}")]
    private static partial void LogSightingsFailed(ILogger logger, Exception exception, string peer);
}

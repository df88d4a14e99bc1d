using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Intelligence;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// What sharing keeps durably, in the service's <see cref="ITaxiiStore"/> under private collection names that the
/// TAXII server never serves (it serves configured GUID collections only): this provider's identity, what each peer
/// sent (one collection per peer), the pull cursor of each peer, and which campaign states were published.
/// </summary>
internal sealed class SharingStore(ITaxiiStore store, TaxiiDirectory directory)
{
    private const string Prefix = "distillguard:sharing:";
    private const string IdentityCollection = Prefix + "identity";
    private const string PublishedCollection = Prefix + "published";
    private const string CursorType = "x-distillguard-pull-cursor";
    private const string PublicationType = "x-distillguard-publication";
    private const string PeersCollection = Prefix + "peers";
    private const string PeerType = "x-distillguard-imported-peer";
    private const int ReadBatch = 1000;

    /// <summary>The collection holding what a peer sent.</summary>
    public static string ReceivedCollection(string peer) => Prefix + "received:" + peer;

    private static string CursorCollection(string peer) => Prefix + "cursor:" + peer;

    /// <summary>Reads this provider's identity, or null before it was first made.</summary>
    public async Task<StixIdentity?> FindIdentityAsync(CancellationToken cancellationToken)
    {
        var rows = await store.QueryTaxiiObjectsAsync(
            new TaxiiObjectQueryRecord { CollectionId = IdentityCollection, MaxTlp = (int)TrafficLightProtocol.Red, Types = [StixIdentity.TypeName], LastVersion = true, Limit = 1, IncludeJson = true },
            cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(rows[0].Json!);
        return StixSerializer.ReadObject(document.RootElement) as StixIdentity;
    }

    /// <summary>Stores this provider's identity.</summary>
    public Task SaveIdentityAsync(StixIdentity identity, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.AddTaxiiObjectsAsync(IdentityCollection, Records([StixSerializer.Serialize(identity)]).Select(r => r.Record!).ToList(), now, cancellationToken);

    /// <summary>Adds STIX objects (JSON text) to a collection; returns each one's reading (refused or stored) with its outcome.</summary>
    public async Task<IReadOnlyList<(TaxiiSubmittedObject Item, TaxiiAddOutcomeRecord? Outcome)>> AddAsync(
        string collectionId, IReadOnlyList<string> objectsJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = Records(objectsJson);
        var accepted = items.Where(i => i.Record is not null).Select(i => i.Record!).ToList();
        var outcomes = accepted.Count == 0
            ? []
            : await store.AddTaxiiObjectsAsync(collectionId, accepted, now, cancellationToken).ConfigureAwait(false);
        var result = new List<(TaxiiSubmittedObject, TaxiiAddOutcomeRecord?)>(items.Count);
        var next = 0;
        foreach (var item in items)
        {
            result.Add((item, item.Record is null ? null : outcomes[next++]));
        }

        return result;
    }

    /// <summary>Reads every object version of a collection of one type, as JSON text, in <c>date_added</c> order.</summary>
    public async Task<IReadOnlyList<string>> ReadAllAsync(string collectionId, string type, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        DateTimeOffset? after = null;
        while (true)
        {
            var rows = await store.QueryTaxiiObjectsAsync(
                new TaxiiObjectQueryRecord
                {
                    CollectionId = collectionId, MaxTlp = (int)TrafficLightProtocol.Red, Types = [type], AllVersions = true,
                    AddedAfter = after, Limit = ReadBatch, IncludeJson = true,
                },
                cancellationToken).ConfigureAwait(false);
            all.AddRange(rows.Select(r => r.Json!));
            if (rows.Count < ReadBatch)
            {
                return all;
            }

            after = rows[^1].DateAdded;
        }
    }

    /// <summary>Reads the indicators every peer sent (every version; the index keeps the newest).</summary>
    public async Task<(List<ReceivedIndicator> Indicators, int Unreadable)> ReadIndicatorsAsync(IEnumerable<string> peers, CancellationToken cancellationToken)
    {
        var indicators = new List<ReceivedIndicator>();
        var unreadable = 0;
        foreach (var peer in peers)
        {
            foreach (var json in await ReadAllAsync(ReceivedCollection(peer), StixIndicator.TypeName, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    using var document = JsonDocument.Parse(json);
                    if (StixSerializer.ReadObject(document.RootElement) is StixIndicator indicator)
                    {
                        indicators.Add(new ReceivedIndicator(peer, indicator));
                    }
                }
                catch (Exception ex) when (ex is StixFormatException or JsonException)
                {
                    unreadable++;
                }
            }
        }

        return (indicators, unreadable);
    }

    /// <summary>Reads where the pull of a peer resumes.</summary>
    public async Task<TaxiiPullCursor> ReadCursorAsync(string peer, CancellationToken cancellationToken)
    {
        var rows = await store.QueryTaxiiObjectsAsync(
            new TaxiiObjectQueryRecord { CollectionId = CursorCollection(peer), MaxTlp = (int)TrafficLightProtocol.Red, ObjectIds = [CursorId(peer)], LastVersion = true, Limit = 1, IncludeJson = true },
            cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return TaxiiPullCursor.Start;
        }

        using var document = JsonDocument.Parse(rows[0].Json!);
        var root = document.RootElement;
        var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new TaxiiPullCursor(rows[0].Version, next);
    }

    /// <summary>
    /// Stores where the pull of a peer resumes. The cursor's <c>added_after</c> is the record's version: it only grows,
    /// so each saved cursor is a new version and the newest is the one read back.
    /// </summary>
    public async Task SaveCursorAsync(string peer, TaxiiPullCursor cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cursor.AddedAfter is not { } after)
        {
            return;
        }

        var version = TaxiiTimestamps.Format(after);
        var json = JsonSerializer.Serialize(
            new Dictionary<string, string?> { ["type"] = CursorType, ["id"] = CursorId(peer), ["peer"] = peer, ["added_after"] = version, ["next"] = cursor.Next },
            ServerJsonContext.Default.IReadOnlyDictionaryStringString);
        var record = new TaxiiNewObjectRecord
        {
            ObjectId = CursorId(peer), Type = CursorType, SpecVersion = "2.1", Version = after, VersionText = version, Tlp = (int)TrafficLightProtocol.Red, Json = json,
        };
        await store.AddTaxiiObjectsAsync(CursorCollection(peer), [record], now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a campaign state (its digest) was published already.</summary>
    public async Task<bool> WasPublishedAsync(string campaignId, string digest, CancellationToken cancellationToken)
    {
        var rows = await store.QueryTaxiiObjectsAsync(
            new TaxiiObjectQueryRecord { CollectionId = PublishedCollection, MaxTlp = (int)TrafficLightProtocol.Red, ObjectIds = [PublicationId(campaignId, digest)], AllVersions = true, Limit = 1 },
            cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    /// <summary>Records that a campaign state was published, with the bundle it went out in.</summary>
    public async Task MarkPublishedAsync(string campaignId, string digest, string bundleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = PublicationId(campaignId, digest);
        var json = JsonSerializer.Serialize(
            new Dictionary<string, string?> { ["type"] = PublicationType, ["id"] = id, ["campaign"] = campaignId, ["digest"] = digest, ["bundle"] = bundleId },
            ServerJsonContext.Default.IReadOnlyDictionaryStringString);
        await store.AddTaxiiObjectsAsync(
            PublishedCollection,
            [new TaxiiNewObjectRecord { ObjectId = id, Type = PublicationType, SpecVersion = "2.1", Tlp = (int)TrafficLightProtocol.Red, Json = json }],
            now,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the name of a peer whose objects were imported, so the index reads its collection after a restart.</summary>
    public Task RememberPeerAsync(string peer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = PeerType + "--" + NameGuid("peer\n" + peer);
        var json = JsonSerializer.Serialize(
            new Dictionary<string, string?> { ["type"] = PeerType, ["id"] = id, ["peer"] = peer },
            ServerJsonContext.Default.IReadOnlyDictionaryStringString);
        return store.AddTaxiiObjectsAsync(
            PeersCollection,
            [new TaxiiNewObjectRecord { ObjectId = id, Type = PeerType, SpecVersion = "2.1", Tlp = (int)TrafficLightProtocol.Red, Json = json }],
            now,
            cancellationToken);
    }

    /// <summary>Reads the names of the peers whose objects were imported.</summary>
    public async Task<IReadOnlyList<string>> ReadImportedPeersAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var json in await ReadAllAsync(PeersCollection, PeerType, cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("peer", out var peer) && peer.GetString() is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private IReadOnlyList<TaxiiSubmittedObject> Records(IReadOnlyList<string> objectsJson)
    {
        var envelope = new StringBuilder("{\"objects\":[");
        envelope.AppendJoin(',', objectsJson);
        envelope.Append("]}");
        using var document = JsonDocument.Parse(envelope.ToString());
        return TaxiiEnvelopeReader.Read(document.RootElement, directory.Options.UnmarkedTlp);
    }

    private static string CursorId(string peer) => CursorType + "--" + NameGuid("cursor\n" + peer);

    private static string PublicationId(string campaignId, string digest) => PublicationType + "--" + NameGuid(campaignId + "\n" + digest);

    /// <summary>A name-based UUID (RFC 9562 §5.8 layout, SHA-256 of the name) for the records that are not shared.</summary>
    private static string NameGuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }
}

using System.Collections.Concurrent;
using System.Collections.Frozen;
using DistillGuard.Core.Intelligence;
using DistillGuard.Sharing.Pseudonymisation;

namespace DistillGuard.Sharing.Intelligence;

/// <summary>
/// The indicators peers shared, ready for the engine: a raw value seen here is pseudonymised under each key epoch the
/// trust group still accepts and looked up among the peers' pseudonyms; raw values never leave and a peer's values are
/// never reversed.
/// </summary>
/// <remarks>
/// <para>
/// Contents are an immutable snapshot swapped whole by <see cref="Replace"/>, so the running engine sees newly pulled
/// indicators at its next lookup without a lock; pseudonyms of raw values are cached across snapshots.
/// </para>
/// <para>
/// Only the newest version of an indicator counts (by <c>modified</c>, per peer); revoked ones and patterns that are
/// not DistillGuard fingerprint patterns (<see cref="IndicatorPattern"/>) are ignored. An indicator matches an exchange
/// made before its <c>valid_until</c>; its weight is its confidence / 100 (<see cref="PeerIndicatorIndexOptions.DefaultConfidence"/>
/// when it states none) halved every <see cref="PeerIndicatorIndexOptions.HalfLife"/> of age, the age being the time
/// from its <c>valid_from</c> to the exchange (never negative): w = c/100 · 2^(−age/half-life). Several indicators on
/// one value: the heaviest at that time wins. Every match is tallied per indicator for the sightings sent back.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class PeerIndicatorIndex : IPeerIndicatorMatcher
{
    private static readonly Snapshot Empty = new(FrozenDictionary<(FingerprintType, int, string), Entry[]>.Empty, FrozenSet<(FingerprintType, int)>.Empty, 0);

    private readonly PseudonymKeyRing _ring;
    private readonly EpochPseudonymiser _pseudonyms;
    private readonly PeerIndicatorIndexOptions _options;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private Snapshot _snapshot = Empty;

    /// <summary>Initializes a new instance of the <see cref="PeerIndicatorIndex"/> class, empty.</summary>
    /// <param name="keys">The trust group's keys, every epoch still in use.</param>
    /// <param name="timeProvider">Decides which key epochs are accepted (see <see cref="PseudonymKeyRing.AcceptedEpochs"/>).</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    public PeerIndicatorIndex(IEnumerable<TrustGroupKey> keys, TimeProvider timeProvider, PeerIndicatorIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new PeerIndicatorIndexOptions();
        options.Validate();
        var list = keys.ToList();
        _ring = new PseudonymKeyRing(list, timeProvider, options.KeyRing);
        _pseudonyms = new EpochPseudonymiser(list, options.CacheCapacity);
        _options = options;
    }

    /// <summary>Gets how many indicators are indexed.</summary>
    public int Count => Volatile.Read(ref _snapshot).Indicators;

    /// <summary>Replaces the contents with the indicators received so far.</summary>
    /// <param name="indicators">Every version received, from every peer.</param>
    /// <returns>What was indexed and what was ignored.</returns>
    public PeerIndicatorIndexLoad Replace(IEnumerable<ReceivedIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var newest = new Dictionary<(string Peer, string Id), ReceivedIndicator>();
        foreach (var received in indicators)
        {
            var key = (received.Peer, received.Indicator.Id);
            if (!newest.TryGetValue(key, out var known) || received.Indicator.Modified > known.Indicator.Modified)
            {
                newest[key] = received;
            }
        }

        var entries = new Dictionary<(FingerprintType, int, string), List<Entry>>();
        int indexed = 0, unparsed = 0, revoked = 0;
        foreach (var (peer, indicator) in newest.Values)
        {
            if (indicator.Revoked == true)
            {
                revoked++;
                continue;
            }

            if (!string.Equals(indicator.PatternType, "stix", StringComparison.Ordinal) || !IndicatorPattern.TryParse(indicator.Pattern, out var pattern))
            {
                unparsed++;
                continue;
            }

            indexed++;
            var confidence = Math.Clamp(indicator.Confidence ?? _options.DefaultConfidence, 0, 100) / 100.0;
            var entry = new Entry(peer, indicator.Id, confidence, indicator.ValidFrom, indicator.ValidUntil);
            foreach (var value in pattern.Values.Distinct(StringComparer.Ordinal))
            {
                var key = (pattern.Type, pattern.KeyEpoch, value);
                if (!entries.TryGetValue(key, out var list))
                {
                    entries[key] = list = [];
                }

                list.Add(entry);
            }
        }

        var snapshot = new Snapshot(
            entries.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray()),
            entries.Keys.Select(k => (k.Item1, k.Item2)).ToFrozenSet(),
            indexed);
        Volatile.Write(ref _snapshot, snapshot);
        return new PeerIndicatorIndexLoad { Indexed = indexed, Unparsed = unparsed, Revoked = revoked, Values = entries.Count };
    }

    /// <inheritdoc />
    public bool TryMatch(PeerFingerprintKind kind, string rawValue, DateTimeOffset at, out PeerIndicatorMatch match)
    {
        match = default;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Indicators == 0 || string.IsNullOrWhiteSpace(rawValue) || !TryTypeOf(kind, out var type))
        {
            return false;
        }

        Entry? best = null;
        var bestWeight = 0.0;
        foreach (var epoch in _ring.AcceptedEpochs)
        {
            if (!snapshot.Present.Contains((type, epoch)))
            {
                continue;
            }

            foreach (var pseudonym in _pseudonyms.Pseudonyms(epoch, type, rawValue))
            {
                if (!snapshot.Entries.TryGetValue((type, epoch, pseudonym), out var candidates))
                {
                    continue;
                }

                foreach (var candidate in candidates)
                {
                    var weight = WeightAt(candidate, at);
                    if (weight > bestWeight || (best is null && weight >= 0))
                    {
                        best = candidate;
                        bestWeight = weight;
                    }
                }
            }
        }

        if (best is null)
        {
            return false;
        }

        _tallies.GetOrAdd(best.IndicatorId, id => new Tally(best.Peer, id)).Add(at);
        match = new PeerIndicatorMatch(best.Peer, bestWeight, best.IndicatorId);
        return true;
    }

    /// <summary>Gets the weight an indicator's entry has for an exchange at a time, or −1 when it has expired.</summary>
    private double WeightAt(Entry entry, DateTimeOffset at)
    {
        if (entry.ValidUntil is { } until && at >= until)
        {
            return -1;
        }

        var age = Math.Max(0, (at - entry.ValidFrom).TotalSeconds);
        return entry.Confidence * Math.Pow(0.5, age / _options.HalfLife.TotalSeconds);
    }

    /// <summary>Gets, per peer indicator, how often local subjects matched it so far.</summary>
    /// <returns>The tallies, ordered by indicator id.</returns>
    public IReadOnlyList<PeerIndicatorSighting> Sightings() =>
        [.. _tallies.Values.Select(t => t.ToSighting()).OrderBy(s => s.IndicatorId, StringComparer.Ordinal)];

    private static bool TryTypeOf(PeerFingerprintKind kind, out FingerprintType type)
    {
        (var known, type) = kind switch
        {
            PeerFingerprintKind.Payment => (true, FingerprintType.Payment),
            PeerFingerprintKind.Tls => (true, FingerprintType.Tls),
            PeerFingerprintKind.EmailDomain => (true, FingerprintType.EmailDomain),
            PeerFingerprintKind.ProxyPrefix => (true, FingerprintType.ProxyPrefix),
            PeerFingerprintKind.PromptTemplate => (true, FingerprintType.PromptTemplate),
            _ => (false, FingerprintType.Payment),
        };
        return known;
    }

    private sealed record Entry(string Peer, string IndicatorId, double Confidence, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil);

    private sealed record Snapshot(
        FrozenDictionary<(FingerprintType, int, string), Entry[]> Entries,
        FrozenSet<(FingerprintType, int)> Present,
        int Indicators);

    private sealed class Tally(string peer, string indicatorId)
    {
        private readonly Lock _lock = new();
        private int _count;
        private DateTimeOffset _first = DateTimeOffset.MaxValue;
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Add(DateTimeOffset at)
        {
            lock (_lock)
            {
                _count++;
                _first = at < _first ? at : _first;
                _last = at > _last ? at : _last;
            }
        }

        public PeerIndicatorSighting ToSighting()
        {
            lock (_lock)
            {
                return new PeerIndicatorSighting { Peer = peer, IndicatorId = indicatorId, Count = _count, FirstSeen = _first, LastSeen = _last };
            }
        }
    }
}

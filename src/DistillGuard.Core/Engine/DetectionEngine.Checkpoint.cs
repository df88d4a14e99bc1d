using System.Buffers;
using DistillGuard.Core.Linking;
using DistillGuard.Core.Signals;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Engine;

// Checkpoints: the engine's complete state as bytes, and an engine restored from them.
public sealed partial class DetectionEngine
{
    /// <summary>
    /// Writes a checkpoint of the engine's complete state, from which <see cref="ReadCheckpoint"/> restores an engine
    /// that goes on exactly as this one would: the same exchanges after it give the same findings.
    /// </summary>
    /// <param name="destination">
    /// Where the bytes go, written in chunks as they are produced (for example an <see cref="ArrayBufferWriter{T}"/>).
    /// If writing fails part-way, what the destination already received is not a checkpoint.
    /// </param>
    /// <remarks>
    /// <para>
    /// The format is binary, little-endian and versioned: the magic <c>DGCK</c>, a format version (2), flags, and a
    /// fingerprint of the options and signals; then sections for the clock (exchanges observed, stream start, latest
    /// timestamp, next campaign tick, campaign sequence), the models' first appearances, the link index (value slots
    /// with their accounts, payment sketches and weak-link flags, free slots, pending weak values, the union-find's
    /// parents, sizes and member lists, the proxy values of the last hours), the accounts (state, payment hash,
    /// template, proxy hits, billing flags, link values), the end users, the campaigns (id, score, first flagged, merged
    /// state), the components waiting for the next campaign tick and the content index (both generations of buckets); last
    /// an XXH3-64 checksum of everything before it.
    /// Each subject's state is its key, its sketches in their own serialised form, its counters and its judgment.
    /// Orders that future findings depend on (accounts, end users, link values, members, pending values, waiting
    /// components) are kept as they are, so a checkpoint of a restored engine is byte-identical to the one it came from.
    /// </para>
    /// <para>
    /// Options and signals are not stored: the caller passes them again to <see cref="ReadCheckpoint"/>, which refuses
    /// a checkpoint whose fingerprint (the engine's options, each signal's name, weight and pooling) differs. The
    /// sequencer's windows (<see cref="DetectionOptions.ReorderWindow"/>, <see cref="DetectionOptions.DuplicateWindow"/>)
    /// are not the engine's and are not in the fingerprint.
    /// </para>
    /// <para>Reads the state only (no campaign tick). Like <see cref="Observe(in ExchangeObservation)"/>, not to be called concurrently with it.</para>
    /// </remarks>
    public void WriteCheckpoint(IBufferWriter<byte> destination) => WriteCheckpoint(destination, includeQuotes: true);

    /// <summary>
    /// Writes a checkpoint as <see cref="WriteCheckpoint(IBufferWriter{byte})"/> does, with or without the quotes of
    /// prompts that evidence cites.
    /// </summary>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="includeQuotes">
    /// Whether the quotes are written. Without them the checkpoint holds no prompt text: an engine restored from it
    /// judges exactly the same, and its evidence cites a quote again once a subject sends another prompt worth quoting.
    /// </param>
    public void WriteCheckpoint(IBufferWriter<byte> destination, bool includeQuotes)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new CheckpointWriter(destination) { WritesQuotes = includeQuotes };
        CheckpointFormat.WriteHeader(writer, CheckpointFormat.Fingerprint(_options, _signals));

        writer.WriteBytes(CheckpointFormat.ClockSection);
        writer.WriteInt64(Observed);
        writer.WriteOptionalDateTimeOffset(_streamStart);
        writer.WriteDateTimeOffset(_now);
        writer.WriteDateTimeOffset(_nextTick);
        writer.WriteInt32(_campaignSequence);

        writer.WriteBytes(CheckpointFormat.ModelsSection);
        writer.WriteInt32(_modelFirstSeen.Count);
        foreach (var (model, first) in _modelFirstSeen)
        {
            writer.WriteString(model);
            writer.WriteDateTimeOffset(first);
        }

        writer.WriteBytes(CheckpointFormat.LinksSection);
        _links.WriteCheckpoint(writer);

        writer.WriteBytes(CheckpointFormat.AccountsSection);
        writer.WriteInt32(_byIndex.Count);
        foreach (var account in _byIndex)
        {
            account.WriteCheckpoint(writer);
        }

        writer.WriteBytes(CheckpointFormat.EndUsersSection);
        writer.WriteInt32(_endUsers.Count);
        foreach (var endUser in _endUsers.Values)
        {
            endUser.WriteCheckpoint(writer);
        }

        // By root: the dictionary's own order depends on its history of removals, and nothing observes it.
        writer.WriteBytes(CheckpointFormat.CampaignsSection);
        var roots = _campaigns.Keys.ToArray();
        Array.Sort(roots);
        writer.WriteInt32(roots.Length);
        foreach (var root in roots)
        {
            var campaign = _campaigns[root];
            writer.WriteInt32(root);
            writer.WriteString(campaign.Id);
            writer.WriteDouble(campaign.Score);
            writer.WriteOptionalDateTimeOffset(campaign.FirstFlaggedAt);
            writer.WriteBoolean(campaign.Merged is not null);
            campaign.Merged?.WriteCheckpoint(writer);
        }

        // In the order the next tick visits them, which decides the order in which new campaigns are numbered.
        writer.WriteBytes(CheckpointFormat.DirtySection);
        writer.WriteInt32(_dirtyRoots.Count);
        foreach (var root in _dirtyRoots)
        {
            writer.WriteInt32(root);
        }

        writer.WriteBytes(CheckpointFormat.ContentSection);
        _content.WriteCheckpoint(writer);

        writer.Complete();
    }

    /// <summary>Restores an engine from a checkpoint written by <see cref="WriteCheckpoint(IBufferWriter{byte}, bool)"/>.</summary>
    /// <param name="source">The whole checkpoint, nothing before or after it.</param>
    /// <param name="options">The options the checkpoint was written with; defaults when null, as in the constructor.</param>
    /// <param name="signals">The signals the checkpoint was written with; <see cref="Scoring.SubjectScorer.DefaultSignals"/> when null.</param>
    /// <returns>An engine in the state the checkpoint holds, ready for the exchanges that came after it.</returns>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a checkpoint (wrong magic), are of another format version, are truncated or corrupt (checksum),
    /// are inconsistent, or were written with other options or signals (fingerprint).
    /// </exception>
    public static DetectionEngine ReadCheckpoint(ReadOnlySpan<byte> source, DetectionOptions? options = null, IEnumerable<IDetectionSignal>? signals = null)
    {
        var engine = new DetectionEngine(options, signals);
        var reader = CheckpointFormat.Open(source, CheckpointFormat.Fingerprint(engine._options, engine._signals));
        engine.Restore(ref reader);
        reader.ExpectEnd();
        return engine;
    }

    private void Restore(ref CheckpointReader reader)
    {
        reader.ExpectSection(CheckpointFormat.ClockSection, "clock");
        Observed = reader.ReadInt64();
        if (Observed < 0)
        {
            throw reader.Invalid($"{Observed} exchanges observed");
        }

        _streamStart = reader.ReadOptionalDateTimeOffset();
        _now = reader.ReadDateTimeOffset();
        _nextTick = reader.ReadDateTimeOffset();
        _campaignSequence = reader.ReadInt32();

        reader.ExpectSection(CheckpointFormat.ModelsSection, "models");
        var models = reader.ReadCount("models", 1 + sizeof(int) + sizeof(long) + sizeof(short));
        for (var i = 0; i < models; i++)
        {
            var model = reader.ReadString("a model");
            if (!_modelFirstSeen.TryAdd(model, reader.ReadDateTimeOffset()))
            {
                throw reader.Invalid($"model '{model}' appears twice");
            }
        }

        reader.ExpectSection(CheckpointFormat.LinksSection, "link index");
        _links.ReadCheckpoint(ref reader);

        reader.ExpectSection(CheckpointFormat.AccountsSection, "accounts");
        var accounts = reader.ReadInt32();
        if (accounts != _links.Count)
        {
            throw reader.Invalid($"{accounts} accounts, but the link index has {_links.Count}");
        }

        for (var i = 0; i < accounts; i++)
        {
            var entry = AccountEntry.ReadCheckpoint(ref reader, i, _links);
            var key = entry.State.Key;
            if (key.EndUserId is not null || !_accounts.TryAdd(key.AccountId, entry))
            {
                throw reader.Invalid($"account {i} is '{key}', an end user or an account listed twice");
            }

            _byIndex.Add(entry);
        }

        reader.ExpectSection(CheckpointFormat.EndUsersSection, "end users");
        var endUsers = reader.ReadCount("end users", 1);
        for (var i = 0; i < endUsers; i++)
        {
            var state = SubjectState.ReadCheckpoint(ref reader);
            if (state.Key.EndUserId is not { } endUserId || !_endUsers.TryAdd((state.Key.AccountId, endUserId), state))
            {
                throw reader.Invalid($"end user {i} is '{state.Key}', an account or an end user listed twice");
            }
        }

        reader.ExpectSection(CheckpointFormat.CampaignsSection, "campaigns");
        var campaigns = reader.ReadCount("campaigns", sizeof(int) + 1 + sizeof(double) + 1 + 1);
        for (var i = 0; i < campaigns; i++)
        {
            var root = reader.ReadIndex(_byIndex.Count, "a campaign's root account");
            var campaign = new CampaignState
            {
                Id = reader.ReadOptionalString("a campaign id"),
                Score = reader.ReadDouble(),
                FirstFlaggedAt = reader.ReadOptionalDateTimeOffset(),
                Merged = reader.ReadBoolean() ? SubjectState.ReadCheckpoint(ref reader) : null,
            };

            if (!_campaigns.TryAdd(root, campaign))
            {
                throw reader.Invalid($"two campaigns have root account {root}");
            }
        }

        reader.ExpectSection(CheckpointFormat.DirtySection, "waiting components");
        var dirty = reader.ReadCount("waiting components", sizeof(int));
        for (var i = 0; i < dirty; i++)
        {
            if (!_dirtyRoots.Add(reader.ReadIndex(_byIndex.Count, "a waiting component's account")))
            {
                throw reader.Invalid("a waiting component is listed twice");
            }
        }

        reader.ExpectSection(CheckpointFormat.ContentSection, "content index");
        _content.ReadCheckpoint(ref reader, _byIndex.Count);
    }

    private sealed partial class AccountEntry
    {
        private const byte PaymentFlag = 1;
        private const byte EmailFlag = 2;
        private const byte ClientFlag = 4;
        private const byte SignupFlag = 8;

        /// <summary>Writes the state, the payment hash, the template, the proxy hits, which billing fields were filled, and the values.</summary>
        public void WriteCheckpoint(CheckpointWriter writer)
        {
            State.WriteCheckpoint(writer);
            writer.WriteUInt64(PaymentHash);
            writer.WriteUInt64(Template);
            writer.WriteInt32(ProxyHits);
            writer.WriteByte((byte)((_payment ? PaymentFlag : 0) | (_email ? EmailFlag : 0) | (_client ? ClientFlag : 0) | (_signup ? SignupFlag : 0)));
            writer.WriteInt32(Values.Count);
            foreach (var value in Values)
            {
                LinkIndex.WriteValueReference(writer, value);
            }

            writer.WriteBoolean(Neighbours is not null);
            if (Neighbours is not null)
            {
                writer.WriteInt32s(Neighbours);
            }
        }

        public static AccountEntry ReadCheckpoint(ref CheckpointReader reader, int index, LinkIndex links)
        {
            var entry = new AccountEntry(SubjectState.ReadCheckpoint(ref reader), index)
            {
                PaymentHash = reader.ReadUInt64(),
                Template = reader.ReadUInt64(),
                ProxyHits = reader.ReadInt32(),
            };

            var flags = reader.ReadByte();
            if ((flags & ~(PaymentFlag | EmailFlag | ClientFlag | SignupFlag)) != 0)
            {
                throw reader.Invalid($"account {index} has billing flags {flags}");
            }

            entry._payment = (flags & PaymentFlag) != 0;
            entry._email = (flags & EmailFlag) != 0;
            entry._client = (flags & ClientFlag) != 0;
            entry._signup = (flags & SignupFlag) != 0;
            var values = reader.ReadCount("values of an account", sizeof(int));
            for (var i = 0; i < values; i++)
            {
                entry.Values.Add(links.ReadValueReference(ref reader));
            }

            if (reader.ReadBoolean())
            {
                entry.Neighbours = new int[NeighbourStride * NeighbourSlots];
                reader.ReadInt32s(entry.Neighbours, "near-duplicate neighbours");
            }

            return entry;
        }
    }
}

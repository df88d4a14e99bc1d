using System.Globalization;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Linking;
using DistillGuard.Core.Sketches;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>Maps a campaign the engine found to a STIX 2.1 bundle that may be shared with peers.</summary>
/// <remarks>
/// <para>
/// The bundle holds: the TLP marking definitions and DistillGuard's vocabulary (project identity, extension
/// definitions); the producer's <c>identity</c>; the <c>campaign</c> with its facts in a property-extension; an
/// <c>infrastructure</c> for the account farm and one for the proxy pool, each used by the campaign; one
/// <c>x-llm-client-fingerprint</c> and one <c>indicator</c> (indicating the campaign) per shareable value; an
/// <c>observed-data</c> of the fingerprints with the exchange volume; and the producer's <c>sighting</c> of the campaign.
/// Every object but the marking definitions carries the TLP marking.
/// </para>
/// <para>
/// Privacy: account ids, raw values, prompt text and the engine's summary never leave. Only members judged part of
/// the campaign (a finding in this campaign with at least <see cref="SharingPolicy.MinimumMemberVerdict"/>) count
/// or contribute signals. A link value leaves only when more accounts share it than there are members not judged part
/// of the campaign, so at least one judged member uses it, and at least <see cref="SharingPolicy.MinimumSubjectsPerValue"/> do.
/// </para>
/// <para>Deterministic: the same request, random source and time give the same bundle.</para>
/// </remarks>
public sealed class CampaignBundleBuilder
{
    private const int MaxCount = 999_999_999;
    private const int MaxSignals = 5;

    private readonly SharingPolicy _policy;
    private readonly PseudonymKeyRing _keyRing;
    private readonly StixIdGenerator _ids;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="CampaignBundleBuilder"/> class.</summary>
    /// <param name="policy">What may leave; validated here.</param>
    /// <param name="keyRing">The trust group's keys.</param>
    /// <param name="ids">The source of random ids.</param>
    /// <param name="timeProvider">The time of export (<c>created</c>, <c>modified</c>, <c>valid_from</c>).</param>
    public CampaignBundleBuilder(SharingPolicy policy, PseudonymKeyRing keyRing, StixIdGenerator ids, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(timeProvider);
        policy.Validate();
        _policy = policy;
        _keyRing = keyRing;
        _ids = ids;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates the identity of a producer, once per deployment; keep it and pass it with every export.</summary>
    /// <param name="name">The provider's name, for example <c>Example AI</c>.</param>
    /// <param name="ids">The source of random ids.</param>
    /// <param name="timeProvider">The time of creation.</param>
    /// <returns>The identity.</returns>
    public static StixIdentity CreateProducerIdentity(string name, StixIdGenerator ids, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = StixTimestamp.Truncate(timeProvider.GetUtcNow());
        return new StixIdentity
        {
            Id = ids.NewId(StixIdentity.TypeName),
            Created = now,
            Modified = now,
            Name = name,
            Description = $"{name}, an LLM API provider sharing indicators of model-distillation campaigns.",
            IdentityClass = "organization",
            Sectors = ["technology"],
        };
    }

    /// <summary>Builds the bundle of a campaign.</summary>
    /// <param name="request">The campaign, its members' findings, the producer and the TLP level.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="SharingRefusedException">TLP:RED was asked for, the score is below the policy's minimum, or no member was judged part of the campaign.</exception>
    public StixBundle Build(CampaignExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var campaign = request.Campaign;
        var tlp = request.Tlp ?? _policy.DefaultTlp;
        if (tlp >= TrafficLightProtocol.Red)
        {
            throw new SharingRefusedException(SharingRefusal.RestrictedMarking, $"campaign {campaign.Id}: TLP:RED never leaves");
        }

        if (!_policy.IsShareable(campaign))
        {
            throw new SharingRefusedException(
                SharingRefusal.ScoreBelowMinimum,
                string.Create(CultureInfo.InvariantCulture, $"campaign {campaign.Id} scores {campaign.Score:0.###}, below the minimum {_policy.MinimumCampaignScore:0.###} for sharing"));
        }

        var members = JudgedMembers(request);
        if (members.Count == 0)
        {
            throw new SharingRefusedException(SharingRefusal.NoJudgedMembers, $"campaign {campaign.Id}: no member was judged part of it");
        }

        var now = StixTimestamp.Truncate(_timeProvider.GetUtcNow());
        var marking = new[] { TlpMarkings.IdOf(tlp) };
        var facts = Facts(campaign, members);
        var window = Window(request, members, now);
        var fingerprints = Fingerprints(request, campaign.Subjects.Count - members.Count);
        var text = new CampaignText(request.Producer.Name, facts, window, fingerprints, _keyRing.CurrentKey.Epoch);

        var objects = new List<StixObject>();
        // The vocabulary objects are public (TLP:CLEAR); everything about the campaign carries the export's level.
        objects.Add(TlpMarkings.Definition(TrafficLightProtocol.Clear));
        if (tlp != TrafficLightProtocol.Clear)
        {
            objects.Add(TlpMarkings.Definition(tlp));
        }

        objects.Add(DistillGuardVocabulary.ProjectIdentity);
        objects.Add(DistillGuardVocabulary.FingerprintExtension);
        objects.Add(DistillGuardVocabulary.CampaignFactsExtension);
        var producer = request.Producer with { ObjectMarkingRefs = marking };
        objects.Add(producer);

        var stixCampaign = new StixCampaign
        {
            Id = _ids.NewId(StixCampaign.TypeName),
            CreatedByRef = producer.Id,
            Created = now,
            Modified = now,
            Name = text.CampaignName,
            Description = text.CampaignDescription,
            FirstSeen = window.First,
            LastSeen = window.Last,
            Objective = "Harvest the model's answers and reasoning traces at scale to train another model on them (model distillation).",
            Labels = text.CampaignLabels,
            Confidence = Confidence(facts.Score),
            ObjectMarkingRefs = marking,
            Extensions = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal) { [DistillGuardVocabulary.CampaignFactsExtensionId] = facts.ToJson() },
        };
        objects.Add(stixCampaign);

        var relationships = new List<StixRelationship>();
        foreach (var infrastructure in Infrastructures(text, fingerprints, window, producer.Id, now, marking))
        {
            objects.Add(infrastructure);
            relationships.Add(Relationship(StixRelationship.Uses, stixCampaign.Id, infrastructure.Id, producer.Id, now, marking));
        }

        var observables = new List<string>();
        foreach (var group in fingerprints)
        {
            var scos = group.Fingerprints.Select(f => ClientFingerprintObservable.Create(f, marking)).ToList();
            objects.AddRange(scos);
            observables.AddRange(scos.Select(s => s.Id));
            var indicator = new StixIndicator
            {
                Id = _ids.NewId(StixIndicator.TypeName),
                CreatedByRef = producer.Id,
                Created = now,
                Modified = now,
                Name = text.IndicatorName(group),
                Description = text.IndicatorDescription(group),
                IndicatorTypes = ["malicious-activity"],
                Pattern = Pattern(group),
                PatternVersion = "2.1",
                ValidFrom = now,
                ValidUntil = now + _policy.IndicatorValidity,
                Labels = text.IndicatorLabels(group),
                Confidence = Confidence(facts.Score),
                ObjectMarkingRefs = marking,
            };
            objects.Add(indicator);
            relationships.Add(Relationship(StixRelationship.Indicates, indicator.Id, stixCampaign.Id, producer.Id, now, marking));
        }

        objects.AddRange(relationships);

        string[]? observedRefs = null;
        if (observables.Count > 0)
        {
            var observed = new StixObservedData
            {
                Id = _ids.NewId(StixObservedData.TypeName),
                CreatedByRef = producer.Id,
                Created = now,
                Modified = now,
                FirstObserved = window.First,
                LastObserved = window.Last,
                NumberObserved = (int)Math.Clamp(facts.Exchanges, 1, MaxCount),
                ObjectRefs = observables,
                Labels = text.VolumeLabels,
                ObjectMarkingRefs = marking,
            };
            objects.Add(observed);
            observedRefs = [observed.Id];
        }

        objects.Add(new StixSighting
        {
            Id = _ids.NewId(StixSighting.TypeName),
            CreatedByRef = producer.Id,
            Created = now,
            Modified = now,
            Description = text.SightingDescription,
            FirstSeen = window.First,
            LastSeen = window.Last,
            Count = (int)Math.Clamp(facts.Exchanges, 0, MaxCount),
            SightingOfRef = stixCampaign.Id,
            ObservedDataRefs = observedRefs,
            WhereSightedRefs = [producer.Id],
            Labels = text.VolumeLabels,
            Confidence = Confidence(facts.Score),
            ObjectMarkingRefs = marking,
        });

        StixExportGuard.EnsureExportable(objects);
        return new StixBundle { Id = _ids.NewId(StixBundle.TypeName), Objects = objects };
    }

    private static int Confidence(double score) => (int)Math.Round(Math.Clamp(score, 0, 1) * 100, MidpointRounding.AwayFromZero);

    private static string Pattern(SharedFingerprintGroup group)
    {
        var type = DistillGuardVocabulary.FingerprintObservableType;
        var values = group.Fingerprints.Select(f => Quote(f.Value)).ToList();
        var value = values.Count == 1 ? $"{type}:value = {values[0]}" : $"{type}:value IN ({string.Join(", ", values)})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{type}:fingerprint_type = '{group.Type.Name()}' AND {value} AND {type}:key_epoch = {group.Fingerprints[0].KeyEpoch}]");
    }

    private static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private StixRelationship Relationship(string type, string source, string target, string producer, DateTimeOffset now, string[] marking) => new()
    {
        Id = _ids.NewId(StixRelationship.TypeName),
        CreatedByRef = producer,
        Created = now,
        Modified = now,
        RelationshipType = type,
        SourceRef = source,
        TargetRef = target,
        ObjectMarkingRefs = marking,
    };

    private List<SubjectFinding> JudgedMembers(CampaignExportRequest request)
    {
        var campaign = request.Campaign;
        var listed = campaign.Subjects.ToHashSet();
        return [.. request.Subjects
            .Where(s => listed.Contains(new SubjectKey(s.AccountId, s.EndUserId))
                && string.Equals(s.CampaignId, campaign.Id, StringComparison.Ordinal)
                && s.Verdict >= _policy.MinimumMemberVerdict)
            .DistinctBy(s => new SubjectKey(s.AccountId, s.EndUserId))];
    }

    private static CampaignFactsExtension Facts(CampaignFinding campaign, List<SubjectFinding> members)
    {
        // A signal describes the campaign when it is strong across its judged members, not in one of them.
        var signals = members
            .SelectMany(m => m.Signals)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Mean: g.Sum(s => s.Value) / members.Count))
            .Where(s => s.Mean > 0)
            .OrderByDescending(s => s.Mean)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var strong = signals.Where(s => s.Mean >= 0.5).Take(MaxSignals).ToList();
        var named = (strong.Count > 0 ? strong : signals.Take(3)).Select(s => s.Name).ToList();
        var kinds = campaign.Links.Select(l => l.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new CampaignFactsExtension
        {
            Score = Math.Round(Math.Clamp(campaign.Score, 0, 1), 3),
            Verdict = members.Any(m => m.Verdict == Verdict.Distillation) ? "distillation" : "suspicious",
            Subjects = members.Count,
            Exchanges = members.Sum(m => m.Exchanges),
            Signals = named.Count > 0 ? named : null,
            LinkKinds = kinds.Count > 0 ? kinds : null,
        };
    }

    private static (DateTimeOffset First, DateTimeOffset Last) Window(CampaignExportRequest request, List<SubjectFinding> members, DateTimeOffset now)
    {
        var first = request.FirstSeen ?? members.Where(m => m.FirstFlaggedAt is not null).Select(m => m.FirstFlaggedAt!.Value).DefaultIfEmpty(now).Min();
        var last = request.LastSeen ?? now;
        first = StixTimestamp.Truncate(first);
        last = StixTimestamp.Truncate(last);
        return last < first ? (first, first) : (first, last);
    }

    private List<SharedFingerprintGroup> Fingerprints(CampaignExportRequest request, int membersNotJudged)
    {
        var groups = new List<SharedFingerprintGroup>();
        var seen = new HashSet<(FingerprintType, string)>();
        foreach (var link in request.Campaign.Links)
        {
            // More sharers than members not judged part of the campaign: at least one judged member uses the value.
            if (link.Subjects < _policy.MinimumSubjectsPerValue || link.Subjects <= membersNotJudged || !TryTypeOf(link.Kind, out var type) || !_policy.Allows(type))
            {
                continue;
            }

            if (type == FingerprintType.PromptTemplate)
            {
                var tokens = request.TemplateTokens?.GetValueOrDefault(link.Value) ?? SkeletonTokens(link.Value);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var template = _keyRing.PseudonymiseTemplate(tokens);
                if (seen.Add((type, template.Bands[0])))
                {
                    groups.Add(new SharedFingerprintGroup(type, [.. template.AsFingerprints()], link.Subjects));
                }

                continue;
            }

            if (!FingerprintNormaliser.TryNormalise(type, link.Value, out _))
            {
                continue;
            }

            // The TLS fingerprint alone is the indicator: a user agent is trivially changed, and peers match the fingerprint.
            var raw = type == FingerprintType.Tls ? ClientFingerprintLink.TlsFingerprintOf(link.Value) : link.Value;
            var fingerprint = _keyRing.Pseudonymise(type, raw);
            if (seen.Add((type, fingerprint.Value)))
            {
                groups.Add(new SharedFingerprintGroup(type, [fingerprint], link.Subjects));
            }
            else
            {
                // Proxy addresses of one prefix in several hours are one indicator; it counts its most-shared hour.
                var index = groups.FindIndex(g => g.Type == type && g.Fingerprints[0].Value == fingerprint.Value);
                groups[index] = groups[index] with { Subjects = Math.Max(groups[index].Subjects, link.Subjects) };
            }
        }

        return groups;
    }

    private static HashSet<ulong> SkeletonTokens(string value) =>
        new HashSet<ulong> { ulong.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var key) ? key : Hashing.Hash(value.AsSpan()) };

    private static bool TryTypeOf(string kind, out FingerprintType type)
    {
        (var shared, type) = kind switch
        {
            _ when kind == LinkKind.PaymentFingerprint.Name() => (true, FingerprintType.Payment),
            _ when kind == LinkKind.ClientFingerprint.Name() => (true, FingerprintType.Tls),
            _ when kind == LinkKind.EmailDomain.Name() => (true, FingerprintType.EmailDomain),
            _ when kind == LinkKind.ProxyAddress.Name() => (true, FingerprintType.ProxyPrefix),
            _ when kind == LinkKind.PromptTemplate.Name() => (true, FingerprintType.PromptTemplate),
            _ => (false, FingerprintType.Payment),
        };
        return shared;
    }

    private List<StixInfrastructure> Infrastructures(
        CampaignText text, List<SharedFingerprintGroup> fingerprints, (DateTimeOffset First, DateTimeOffset Last) window, string producer, DateTimeOffset now, string[] marking)
    {
        StixInfrastructure Make(string name, string description, string type, IReadOnlyList<string> labels) => new()
        {
            Id = _ids.NewId(StixInfrastructure.TypeName),
            CreatedByRef = producer,
            Created = now,
            Modified = now,
            Name = name,
            Description = description,
            InfrastructureTypes = [type],
            FirstSeen = window.First,
            LastSeen = window.Last,
            Labels = labels,
            ObjectMarkingRefs = marking,
        };

        // infrastructure-type-ov is open: "account-farm" names what the vocabulary lacks; proxy pools are "anonymization".
        var list = new List<StixInfrastructure> { Make(text.AccountFarmName, text.AccountFarmDescription, "account-farm", text.AccountFarmLabels) };
        if (fingerprints.Any(f => f.Type == FingerprintType.ProxyPrefix))
        {
            list.Add(Make(text.ProxyPoolName, text.ProxyPoolDescription, "anonymization", text.ProxyPoolLabels));
        }

        return list;
    }
}

using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// Sharing with the peers of a trust group (section <c>DistillGuard:Sharing</c>): who this provider is, the group's
/// keys, what may leave, the local TAXII collection campaigns are published into, and the peers pulled; validated at
/// start. Sharing is off while no key is configured.
/// </summary>
public sealed class SharingOptions
{
    /// <summary>Gets or sets the name of this provider in what it shares (the STIX <c>identity</c>).</summary>
    /// <value>Empty; required once sharing is on.</value>
    public string ProducerName { get; set; } = string.Empty;

    /// <summary>Gets or sets the trust group's keys, one per epoch.</summary>
    /// <value>Empty: sharing is off.</value>
    public List<SharingKeyOptions> Keys { get; set; } = [];

    /// <summary>Gets or sets how long an older key epoch is still accepted after its successor became active.</summary>
    /// <value>30 days.</value>
    public TimeSpan KeyOverlap { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the age after which a peer's indicator counts half as much.</summary>
    /// <value>30 days.</value>
    public TimeSpan IndicatorHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets what may leave, and the default TLP level (<see cref="SharingPolicy.DefaultTlp"/>, AMBER).</summary>
    /// <value>The policy's defaults.</value>
    public SharingPolicy Policy { get; set; } = new();

    /// <summary>Gets or sets the local TAXII collection (a <c>DistillGuard:Taxii:Collections</c> id) that <c>publish</c> adds to.</summary>
    /// <value>Null: nothing can be published, only exported.</value>
    public Guid? LocalCollection { get; set; }

    /// <summary>Gets or sets the peers to pull.</summary>
    /// <value>Empty.</value>
    public List<SharingPeerOptions> Peers { get; set; } = [];

    /// <summary>Gets a value indicating whether sharing is on (a key is configured).</summary>
    public bool Enabled => Keys.Count > 0;

    /// <summary>Gets the keys as the key ring takes them; call after <see cref="Validate"/>.</summary>
    /// <returns>The keys.</returns>
    public IReadOnlyList<TrustGroupKey> TrustGroupKeys() =>
        [.. Keys.Select(k => new TrustGroupKey { Epoch = k.Epoch, Key = Convert.FromBase64String(k.Key), ActiveFrom = k.ActiveFrom })];

    /// <summary>Checks the options, and returns every problem found (empty when they are valid).</summary>
    /// <param name="localCollections">The ids of the TAXII server's collections.</param>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate(IReadOnlyCollection<Guid> localCollections)
    {
        ArgumentNullException.ThrowIfNull(localCollections);
        var errors = new List<string>();
        if (!Enabled)
        {
            if (Peers.Count > 0 || LocalCollection is not null)
            {
                errors.Add("Sharing: peers or a local collection are configured but no key: add Sharing:Keys (the trust group's keys)");
            }

            return errors;
        }

        if (string.IsNullOrWhiteSpace(ProducerName))
        {
            errors.Add("Sharing:ProducerName is required (this provider's name in what it shares)");
        }

        ValidateKeys(errors);
        if (KeyOverlap < TimeSpan.Zero || IndicatorHalfLife <= TimeSpan.Zero)
        {
            errors.Add("Sharing: KeyOverlap must not be negative and IndicatorHalfLife must be positive");
        }

        try
        {
            Policy.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add("Sharing:Policy: " + ex.Message);
        }

        if (LocalCollection is { } local && !localCollections.Contains(local))
        {
            errors.Add($"Sharing:LocalCollection {local} is not a collection of the TAXII server (DistillGuard:Taxii:Collections)");
        }

        ValidatePeers(errors);
        return errors;
    }

    private void ValidateKeys(List<string> errors)
    {
        var epochs = new HashSet<int>();
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            if (!epochs.Add(key.Epoch))
            {
                errors.Add($"Sharing:Keys:{i}: epoch {key.Epoch} is used twice");
            }

            var bytes = new byte[(key.Key.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(key.Key, bytes, out var length) || length < TrustGroupKey.MinimumKeyBytes)
            {
                errors.Add($"Sharing:Keys:{i}: Key must be base64 of at least {TrustGroupKey.MinimumKeyBytes} bytes");
            }

            if (key.ActiveFrom == default)
            {
                errors.Add($"Sharing:Keys:{i}: ActiveFrom is required");
            }
        }

        var ordered = Keys.OrderBy(k => k.ActiveFrom).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Epoch <= ordered[i - 1].Epoch)
            {
                errors.Add($"Sharing:Keys: epoch {ordered[i].Epoch} becomes active after epoch {ordered[i - 1].Epoch}; epochs must grow with ActiveFrom");
            }
        }
    }

    private void ValidatePeers(List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Peers.Count; i++)
        {
            var peer = Peers[i];
            var path = $"Sharing:Peers:{i}";
            if (peer.Name.Length is 0 or > 64 || !peer.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                errors.Add($"{path}: Name '{peer.Name}' must be 1 to 64 lower-case letters, digits, '-' or '_'");
            }
            else if (!names.Add(peer.Name))
            {
                errors.Add($"{path}: Name '{peer.Name}' is used twice");
            }

            if (peer.ApiRoot is not { IsAbsoluteUri: true } root || root.Scheme is not ("http" or "https"))
            {
                errors.Add($"{path}: ApiRoot must be an absolute http or https URL (the peer's TAXII API root)");
            }

            if (string.IsNullOrWhiteSpace(peer.Collection))
            {
                errors.Add($"{path}: Collection is required (the id of the peer's collection to pull)");
            }

            var basic = peer.Username is not null || peer.Password is not null;
            if (basic == (peer.Token is not null))
            {
                errors.Add($"{path}: give either Username and Password (HTTP Basic) or Token (Bearer)");
            }
            else if (basic && (string.IsNullOrEmpty(peer.Username) || string.IsNullOrEmpty(peer.Password) || peer.Username.Contains(':', StringComparison.Ordinal)))
            {
                errors.Add($"{path}: Basic credentials need a Username without ':' and a Password");
            }

            if (peer.Interval < TimeSpan.Zero || peer.SightingInterval < TimeSpan.Zero)
            {
                errors.Add($"{path}: Interval and SightingInterval must not be negative");
            }
        }
    }

    /// <summary>Parses a TLP level as written in a request (<c>clear</c>, <c>green</c>, <c>amber</c>, <c>amber+strict</c>, <c>red</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="level">The level.</param>
    /// <returns>Whether the text names a level.</returns>
    public static bool TryParseTlp(string? text, out TrafficLightProtocol level)
    {
        (var known, level) = text?.Trim().ToLowerInvariant().Replace("tlp:", string.Empty, StringComparison.Ordinal) switch
        {
            "clear" or "white" => (true, TrafficLightProtocol.Clear),
            "green" => (true, TrafficLightProtocol.Green),
            "amber" => (true, TrafficLightProtocol.Amber),
            "amber+strict" or "amber-strict" or "amberstrict" => (true, TrafficLightProtocol.AmberStrict),
            "red" => (true, TrafficLightProtocol.Red),
            _ => (false, TrafficLightProtocol.Amber),
        };
        return known;
    }
}

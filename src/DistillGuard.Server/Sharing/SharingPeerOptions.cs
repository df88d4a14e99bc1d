namespace DistillGuard.Server.Sharing;

/// <summary>A peer of the trust group whose TAXII collection this service pulls indicators from.</summary>
public sealed class SharingPeerOptions
{
    /// <summary>Gets or sets the peer's name: what findings say reported a campaign, and the actor in the audit log.</summary>
    /// <value>Empty; required and unique: lower-case letters, digits, <c>-</c> and <c>_</c>.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the peer's TAXII API root, for example <c>https://peer.example/taxii2/trust-group/</c>.</summary>
    /// <value>Null; required, absolute http or https.</value>
    public Uri? ApiRoot { get; set; }

    /// <summary>Gets or sets the id of the peer's collection to pull.</summary>
    /// <value>Empty; required.</value>
    public string Collection { get; set; } = string.Empty;

    /// <summary>Gets or sets the HTTP Basic username this service presents to the peer (with <see cref="Password"/>).</summary>
    /// <value>Null.</value>
    public string? Username { get; set; }

    /// <summary>Gets or sets the HTTP Basic password.</summary>
    /// <value>Null.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the Bearer token, instead of a username and password.</summary>
    /// <value>Null. One of the two kinds of credentials is required.</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets how often the peer is pulled in the background.</summary>
    /// <value>15 minutes; <see cref="TimeSpan.Zero"/> pulls only on <c>POST /v1/share/pull</c>.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets a value indicating whether sightings of the peer's indicators are sent back to it.</summary>
    /// <value>False: the peer learns nothing of what matched here unless it is allowed.</value>
    public bool SendSightings { get; set; }

    /// <summary>Gets or sets the peer's collection that sightings are added to, or null for <see cref="Collection"/>.</summary>
    /// <value>Null.</value>
    public string? SightingsCollection { get; set; }

    /// <summary>Gets or sets the shortest time between two sightings of one indicator sent to the peer.</summary>
    /// <value>One hour.</value>
    public TimeSpan SightingInterval { get; set; } = TimeSpan.FromHours(1);
}

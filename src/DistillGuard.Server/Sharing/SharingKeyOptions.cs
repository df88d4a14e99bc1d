namespace DistillGuard.Server.Sharing;

/// <summary>One epoch of the trust group's pseudonymisation key, as configured.</summary>
public sealed class SharingKeyOptions
{
    /// <summary>Gets or sets the epoch number; later keys have larger epochs.</summary>
    /// <value>0; required and unique.</value>
    public int Epoch { get; set; }

    /// <summary>Gets or sets the key, base64; the members of the trust group share it out of band.</summary>
    /// <value>Empty; required, at least 32 bytes once decoded.</value>
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets when the key becomes the one new pseudonyms are made with.</summary>
    /// <value>Required.</value>
    public DateTimeOffset ActiveFrom { get; set; }
}

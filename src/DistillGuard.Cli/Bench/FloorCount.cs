namespace DistillGuard.Cli.Bench;

/// <summary>What one pass of <see cref="ParseFloor"/> read.</summary>
internal struct FloorCount
{
    /// <summary>Gets or sets the lines that parsed as JSON.</summary>
    public long Parsed { get; set; }

    /// <summary>Gets or sets the lines that did not.</summary>
    public long Failed { get; set; }

    /// <summary>Gets or sets the total length of the strings read, so that no work can be skipped as unused.</summary>
    public long Checksum { get; set; }
}

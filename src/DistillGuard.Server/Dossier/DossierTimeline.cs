namespace DistillGuard.Server.Dossier;

/// <summary>Members' exchanges per time bucket (from the journal), with detections and decisions marked.</summary>
internal sealed record DossierTimeline
{
    /// <summary>Gets the start of the first bucket (a whole UTC hour).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the width of a bucket in hours (1, or more when the activity spans more than the drawing's columns).</summary>
    public required int BucketHours { get; init; }

    /// <summary>Gets the number of buckets.</summary>
    public required int Buckets { get; init; }

    /// <summary>Gets one row per member drawn (the most active), and a last row summing the rest where there are more.</summary>
    public required IReadOnlyList<DossierTimelineRow> Rows { get; init; }

    /// <summary>Gets the marks: detections on a member's row, decisions and publications across all rows.</summary>
    public required IReadOnlyList<DossierTimelineMark> Marks { get; init; }
}

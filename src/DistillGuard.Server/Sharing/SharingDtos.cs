namespace DistillGuard.Server.Sharing;

/// <summary>The answer of <c>POST /v1/share/publish</c>.</summary>
internal sealed class PublishResultDto
{
    public required string Collection { get; init; }

    public required IReadOnlyList<PublishedCampaignDto> Published { get; init; }

    public required IReadOnlyList<SkippedCampaignDto> Skipped { get; init; }
}

/// <summary>A campaign published.</summary>
internal sealed class PublishedCampaignDto
{
    public required string Campaign { get; init; }

    public required string Bundle { get; init; }

    public required int Objects { get; init; }

    public required int Added { get; init; }

    public required IReadOnlyList<string> Indicators { get; init; }
}

/// <summary>A campaign not published, and why.</summary>
internal sealed class SkippedCampaignDto
{
    public required string Campaign { get; init; }

    public required string Reason { get; init; }
}

/// <summary>The answer of <c>POST /v1/share/pull</c> and <c>POST /v1/share/import</c>.</summary>
internal sealed class PullResultDto
{
    public required IReadOnlyList<PeerPullDto> Peers { get; init; }

    public required int IndicatorsIndexed { get; init; }

    public required int IndicatorsIgnored { get; init; }
}

/// <summary>What one peer's pull did.</summary>
internal sealed class PeerPullDto
{
    public required string Peer { get; init; }

    public required int Received { get; init; }

    public required int Added { get; init; }

    public required int Refused { get; init; }

    public string? AddedAfter { get; init; }

    public int SightingsSent { get; init; }

    public string? Error { get; init; }
}

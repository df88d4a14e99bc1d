namespace DistillGuard.Sharing.Export;

/// <summary>Why an export was refused.</summary>
public enum SharingRefusal
{
    /// <summary>An object is marked <c>TLP:RED</c>, or the export asked for it.</summary>
    RestrictedMarking,

    /// <summary>The campaign's score is below <see cref="SharingPolicy.MinimumCampaignScore"/>.</summary>
    ScoreBelowMinimum,

    /// <summary>No member of the campaign was judged part of it.</summary>
    NoJudgedMembers,
}

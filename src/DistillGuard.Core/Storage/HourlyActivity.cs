namespace DistillGuard.Core.Storage;

/// <summary>How many journalled exchanges an account sent in one hour (UTC, by the exchanges' own timestamps).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Hour">The start of the hour.</param>
/// <param name="Exchanges">The exchanges.</param>
public sealed record HourlyActivity(string AccountId, DateTimeOffset Hour, long Exchanges);

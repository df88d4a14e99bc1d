using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;

namespace DistillGuard.Storage.Tests;

/// <summary>Builds the records the contract tests store; every instant is fixed (no wall clock).</summary>
internal static class StoredValues
{
    /// <summary>A fixed instant, in UTC, whole seconds.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static JournalEntry Entry(string exchangeId, int minute = 0, string account = "acct-1", byte[]? payload = null) => new()
    {
        ExchangeId = exchangeId,
        Timestamp = T0.AddMinutes(minute),
        AccountId = account,
        EndUserId = null,
        Payload = payload ?? [1, 2, 3, (byte)exchangeId.Length],
        PromptText = null,
    };

    public static OverrideRecord Override(string account, DateTimeOffset expiresAt, EnforcementAction action = EnforcementAction.Block) => new()
    {
        AccountId = account,
        EndUserId = null,
        Action = action,
        Reason = "test",
        CreatedBy = "admin-key",
        CreatedAt = T0,
        ExpiresAt = expiresAt,
    };

    public static AuditRecord Audit(string target) => new()
    {
        At = T0,
        Actor = "system",
        Action = "override.created",
        Target = target,
        Detail = """{"n":1}""",
    };

    public static ApiKeyRecord ApiKey(string keyId, string name = "gateway", ApiKeyRole role = ApiKeyRole.Ingest) => new()
    {
        KeyId = keyId,
        Name = name,
        Role = role,
        SecretHash = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01],
        CreatedAt = T0,
    };

    /// <summary>What a store gives back for <paramref name="value"/>: UTC, rounded down to a whole microsecond.</summary>
    public static DateTimeOffset AsStored(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}

using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Security;

/// <summary>Role names and the authorisation policies built on them.</summary>
internal static class RoleNames
{
    public const string Ingest = "ingest";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    /// <summary>Policy: send exchanges (ingest, admin).</summary>
    public const string CanIngest = "can-ingest";

    /// <summary>Policy: ask for decisions (every role).</summary>
    public const string CanDecide = "can-decide";

    /// <summary>Policy: read findings, subjects, campaigns, audit and metrics (analyst, admin).</summary>
    public const string CanRead = "can-read";

    /// <summary>Policy: change overrides and keys (admin).</summary>
    public const string CanAdminister = "can-administer";

    public static string Of(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Ingest => Ingest,
        ApiKeyRole.Analyst => Analyst,
        ApiKeyRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Reads a role name (<c>ingest</c>, <c>analyst</c>, <c>admin</c>).</summary>
    public static bool TryParse(string? name, out ApiKeyRole role)
    {
        (var known, role) = name switch
        {
            Ingest => (true, ApiKeyRole.Ingest),
            Analyst => (true, ApiKeyRole.Analyst),
            Admin => (true, ApiKeyRole.Admin),
            _ => (false, ApiKeyRole.Ingest),
        };
        return known;
    }
}

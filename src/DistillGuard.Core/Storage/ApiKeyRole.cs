namespace DistillGuard.Core.Storage;

/// <summary>What an API key may do; each role includes what the roles before it may do except as noted.</summary>
public enum ApiKeyRole
{
    /// <summary>Send exchanges and ask for decisions (a gateway, a LiteLLM proxy).</summary>
    Ingest = 0,

    /// <summary>Read findings, subjects, campaigns and the audit log, and ask for decisions.</summary>
    Analyst = 1,

    /// <summary>Everything, including overrides and key management.</summary>
    Admin = 2,
}

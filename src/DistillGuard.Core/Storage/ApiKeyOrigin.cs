namespace DistillGuard.Core.Storage;

/// <summary>Where an API key came from, which decides what may remove it. The values are stored and stable.</summary>
public enum ApiKeyOrigin
{
    /// <summary>The service's configuration (<c>Server:Keys</c>, <c>DISTILLGUARD_ADMIN_KEY</c>): at every start the configured set is the truth, so a key no longer configured is removed.</summary>
    Configured = 0,

    /// <summary>Generated at a start when no key existed, and printed once; removed once any key is configured.</summary>
    Generated = 1,

    /// <summary>Created through the key-admin API; kept across starts until revoked through that API.</summary>
    Api = 2,
}

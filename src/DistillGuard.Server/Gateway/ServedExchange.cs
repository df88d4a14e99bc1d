namespace DistillGuard.Server.Gateway;

/// <summary>One exchange the gateway served, as captured on the request path, waiting to be recorded.</summary>
internal sealed record ServedExchange(
    DateTimeOffset Timestamp,
    string AccountId,
    string? EndUserId,
    string? ClientIp,
    string? UserAgent,
    byte[] Request,
    int Status,
    bool EventStream,
    byte[] Response,
    double LatencyMs);

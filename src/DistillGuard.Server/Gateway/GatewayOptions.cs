using System.Net;

namespace DistillGuard.Server.Gateway;

/// <summary>How the gateway finds the subject and the client, and how it records what it serves (section <c>DistillGuard:Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Gets or sets the header the provider's auth layer sets to the account id.</summary>
    /// <value><c>x-distillguard-account</c>.</value>
    public string AccountHeader { get; set; } = "x-distillguard-account";

    /// <summary>Gets or sets the header that carries the end user's id; the body's <c>safety_identifier</c>, then <c>user</c>, are used without it.</summary>
    /// <value><c>x-distillguard-end-user</c>.</value>
    public string EndUserHeader { get; set; } = "x-distillguard-end-user";

    /// <summary>Gets or sets the proxies whose <c>X-Forwarded-For</c> is trusted (addresses or CIDR ranges).</summary>
    /// <value>Loopback only.</value>
    public List<string> TrustedProxies { get; set; } = ["127.0.0.1/32", "::1/128"];

    /// <summary>Gets or sets how many served exchanges may wait to be recorded; beyond it new ones are counted and dropped.</summary>
    /// <value>100,000.</value>
    public int RecorderQueueCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets how long served exchanges gather before they are recorded as one batch.</summary>
    /// <value>50 ms: detection learns of a served exchange that much later, and the store commits a few times a second.</value>
    public TimeSpan RecordLinger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets how much of each response is kept to read its usage (the rest still streams through).</summary>
    /// <value>4 MiB.</value>
    public int MaxCapturedResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Gets or sets how deeply a request body may nest (JSON schemas in <c>response_format</c> and <c>tools</c> nest
    /// deeply); a body nested deeper is refused with 400. Only the small top-level values are rewritten, the rest is
    /// copied as received, so the depth costs nothing but the parse.
    /// </summary>
    /// <value>256.</value>
    public int MaxBodyDepth { get; set; } = 256;

    /// <summary>Gets the trusted proxies, parsed.</summary>
    internal IReadOnlyList<IPNetwork> TrustedNetworks => [.. TrustedProxies.Select(Parse)];

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(AccountHeader) || string.IsNullOrWhiteSpace(EndUserHeader))
        {
            errors.Add("Gateway:AccountHeader and Gateway:EndUserHeader must be header names");
        }

        foreach (var proxy in TrustedProxies)
        {
            if (!IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _))
            {
                errors.Add($"Gateway:TrustedProxies: '{proxy}' is not an address or CIDR range");
            }
        }

        if (RecordLinger < TimeSpan.Zero || RecordLinger > TimeSpan.FromSeconds(10))
        {
            errors.Add($"Gateway:RecordLinger must be between 0 and 10 seconds; it is {RecordLinger}");
        }

        if (MaxBodyDepth is < 8 or > 4096)
        {
            errors.Add($"Gateway:MaxBodyDepth must be between 8 and 4096; it is {MaxBodyDepth}");
        }

        if (RecorderQueueCapacity < 1 || MaxCapturedResponseBytes < 1024)
        {
            errors.Add("Gateway:RecorderQueueCapacity must be at least 1 and Gateway:MaxCapturedResponseBytes at least 1024");
        }

        return errors;
    }

    private static IPNetwork Parse(string value) =>
        IPNetwork.TryParse(value, out var network) ? network : new IPNetwork(IPAddress.Parse(value), IPAddress.Parse(value).GetAddressBytes().Length * 8);
}

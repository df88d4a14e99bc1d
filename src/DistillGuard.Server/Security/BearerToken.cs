namespace DistillGuard.Server.Security;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header, for every scheme that accepts one.</summary>
internal static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>Gets the token of a bearer <c>Authorization</c> header; false when the header is another scheme or the token is empty.</summary>
    public static bool TryRead(string header, out string token)
    {
        token = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : string.Empty;
        return token.Length > 0;
    }
}

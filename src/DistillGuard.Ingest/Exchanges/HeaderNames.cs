namespace DistillGuard.Ingest.Exchanges;

/// <summary>HTTP header names as <c>client.headers</c> keeps them: lower-cased.</summary>
internal static class HeaderNames
{
    /// <summary>Lower-cases a header name (HTTP header names are ASCII and case-insensitive).</summary>
    /// <param name="name">The name as sent.</param>
    /// <returns>The lower-cased name; the same instance if it already was.</returns>
    public static string Normalize(string name)
    {
        if (!name.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return name;
        }

        return string.Create(name.Length, name, static (destination, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                destination[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
    }
}

namespace DistillGuard.Server.AnalystConsole;

/// <summary>The signed-in analyst, as a page shows it: the key's name and role, and the antiforgery token of the page's forms.</summary>
/// <param name="Name">The API key's name (who, in the audit log).</param>
/// <param name="Role">The key's role.</param>
/// <param name="Antiforgery">The antiforgery request token.</param>
public sealed record ConsoleUser(string Name, string Role, string Antiforgery);

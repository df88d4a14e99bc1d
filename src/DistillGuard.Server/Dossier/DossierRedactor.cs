using System.Text.RegularExpressions;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// Redacts what a dossier quotes: e-mail addresses, IP addresses and long digit runs (card, phone and account numbers)
/// are replaced by a placeholder, so a report that leaves the team does not carry a customer's contact or payment data
/// that happened to be in a prompt.
/// </summary>
internal static partial class DossierRedactor
{
    /// <summary>Replaces e-mail addresses, IPv4 and IPv6 addresses and runs of seven or more digits that stand alone (not part of an id).</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Email().Replace(text, "[email]");
        text = IPv4().Replace(text, "[ip]");
        text = IPv6().Replace(text, "[ip]");
        return LongNumber().Replace(text, "[number]");
    }

    /// <summary>The text between the first pair of double quotes of an evidence line, without a trailing ellipsis; null without one.</summary>
    public static string? QuotedText(string evidence)
    {
        var match = Quoted().Match(evidence);
        if (!match.Success)
        {
            return null;
        }

        var quote = match.Groups[1].Value.TrimEnd('…').Trim();
        return quote.Length >= 8 ? quote : null;
    }

    /// <summary>A prompt as quotes show it: line breaks as spaces.</summary>
    public static string Normalize(string prompt) => LineBreak().Replace(prompt, " ").Trim();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"\b(?:[0-9A-Fa-f]{1,4}:){3,7}[0-9A-Fa-f]{1,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6();

    // Not inside a word (an id such as acct_7268e0833516 is what the dossier names, not a number to hide), and not a
    // date (2026-11-02, in audit details).
    [GeneratedRegex(@"(?<![\w.\-])(?!\d{4}-\d{2}-\d{2})\d(?:[ \-]?\d){6,}(?![\w\-])", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();

    [GeneratedRegex("\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"[\r\n\f\u0085\u2028\u2029]", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();
}

using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using DistillGuard.Core.Findings;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// A subject in the console's URLs and forms: base64url of <c>account</c> or <c>account</c>, NUL, <c>end user</c>, so
/// that any character of an id (a <c>/</c>, a space) survives a URL and a checkbox value unchanged.
/// </summary>
internal static class SubjectToken
{
    public static string Of(SubjectKey key)
    {
        var text = key.EndUserId is null ? key.AccountId : key.AccountId + '\0' + key.EndUserId;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryParse(string? token, [NotNullWhen(true)] out SubjectKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(token) || token.Length > 2048 || !Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var split = text.IndexOf('\0', StringComparison.Ordinal);
        var account = split < 0 ? text : text[..split];
        var endUser = split < 0 ? null : text[(split + 1)..];
        if (account.Length == 0 || endUser is { Length: 0 } || (endUser?.Contains('\0', StringComparison.Ordinal) ?? false))
        {
            return false;
        }

        key = new SubjectKey(account, endUser);
        return true;
    }
}

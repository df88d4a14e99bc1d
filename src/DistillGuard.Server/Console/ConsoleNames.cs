using System.Diagnostics.CodeAnalysis;
using System.Text;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>The snake_case names of the console's enums, as forms send them and the audit log and JSON write them.</summary>
internal static class ConsoleNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    public static bool TryParse<TEnum>(string? text, [NotNullWhen(true)] out TEnum? value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = null;
        return false;
    }

    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Of)];

    public static string Of(CaseLabel label) => Of<CaseLabel>(label);
}

using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Walks a configuration section against the options type it binds to and names every key the binder would ignore
/// (an unknown setting, a misspelled section) and every value it could not convert (an unknown enum name, a number that
/// is not one, a duration that does not parse), each with its full path.
/// </summary>
/// <remarks>
/// The configuration binder silently skips keys it does not know, so a misspelled <c>Rulez</c> leaves the default rules
/// in force; and it throws on a value it cannot convert, at whatever moment the options are first read. Checking the
/// configuration before it is bound turns both into validation failures at start. Settable public properties are the
/// settings (as the binder sees them, names compared without case); lists are numbered sections (<c>Rules:0</c>),
/// dictionaries take any key. Enum values must be one of the enum's names (not a number).
/// </remarks>
internal static class ConfigurationChecker
{
    /// <summary>Checks <paramref name="node"/> against <paramref name="type"/> and returns every problem found.</summary>
    /// <param name="node">The section (or root) bound to <paramref name="type"/>.</param>
    /// <param name="path">The section's path, for the messages (e.g. <c>DistillGuard:Policies</c>).</param>
    /// <param name="type">The options type.</param>
    public static IReadOnlyList<string> Check(IConfiguration node, string path, Type type)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<string>();
        CheckObject(node, path, type, errors);
        return errors;
    }

    /// <summary>Checks the keys directly under <paramref name="node"/> against a fixed set of section names.</summary>
    /// <param name="node">The section.</param>
    /// <param name="path">Its path, for the messages.</param>
    /// <param name="known">The section names allowed under it.</param>
    public static IReadOnlyList<string> CheckSectionNames(IConfiguration node, string path, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<string>();
        foreach (var child in node.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{path}:{child.Key}: unknown section; known: {string.Join(", ", known)}");
            }
        }

        return errors;
    }

    private static void CheckObject(IConfiguration node, string path, Type type, List<string> errors)
    {
        var settings = Settings(type);
        foreach (var child in node.GetChildren())
        {
            // A key without a value or children (JSON null, a null in-memory value) sets nothing, for the binder too.
            if (child.Value is null && !child.GetChildren().Any())
            {
                continue;
            }

            var childPath = $"{path}:{child.Key}";
            var property = settings.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                errors.Add($"{childPath}: unknown setting; known: {string.Join(", ", settings.Select(p => p.Name))}");
                continue;
            }

            CheckValue(child, childPath, property.PropertyType, errors);
        }
    }

    private static void CheckValue(IConfigurationSection node, string path, Type type, List<string> errors)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var hasChildren = node.GetChildren().Any();
        if (IsScalar(target))
        {
            if (hasChildren)
            {
                errors.Add($"{path}: expects one value, not a section");
            }
            else if (node.Value is { } value && ScalarProblem(value, target, nullable: target != type) is { } problem)
            {
                errors.Add($"{path}: {problem}");
            }

            return;
        }

        if (!hasChildren)
        {
            // An empty value for a section (an empty list in JSON reads as "") leaves the default, as the binder does.
            if (!string.IsNullOrEmpty(node.Value))
            {
                errors.Add($"{path}: expects a section{(ElementType(target) is null ? string.Empty : " (a list)")}, not the value '{node.Value}'");
            }

            return;
        }

        if (DictionaryValueType(target) is { } valueType)
        {
            foreach (var entry in node.GetChildren())
            {
                CheckValue(entry, $"{path}:{entry.Key}", valueType, errors);
            }

            return;
        }

        if (ElementType(target) is { } elementType)
        {
            foreach (var item in node.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add($"{path}:{item.Key}: the items of a list are numbered 0, 1, 2, ...");
                    continue;
                }

                CheckValue(item, $"{path}:{item.Key}", elementType, errors);
            }

            return;
        }

        CheckObject(node, path, target, errors);
    }

    private static string? ScalarProblem(string value, Type type, bool nullable)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (value.Length == 0)
        {
            return nullable ? null : $"is empty; expects {Describe(type)}";
        }

        var text = value.Trim();
        var valid = type switch
        {
            _ when type.IsEnum => Enum.GetNames(type).Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)),
            _ when type == typeof(bool) => bool.TryParse(text, out _),
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _),
            _ when type == typeof(Guid) => Guid.TryParse(text, out _),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            _ when type == typeof(Uri) => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _),
            _ => ConvertsFromInvariantString(type, text),
        };
        return valid ? null : type.IsEnum
            ? $"'{value}' is not one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
            : $"'{value}' is not {Describe(type)}";
    }

    private static bool ConvertsFromInvariantString(Type type, string text)
    {
        try
        {
            _ = System.ComponentModel.TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) => $"an integer in [{int.MinValue}, {int.MaxValue}]",
        _ when type == typeof(long) => $"an integer in [{long.MinValue}, {long.MaxValue}]",
        _ when type == typeof(double) => "a finite number such as 0.5",
        _ when type == typeof(TimeSpan) => "a duration such as 00:01:00 or 30.00:00:00",
        _ when type == typeof(Guid) => "a UUID",
        _ when type == typeof(DateTimeOffset) => "a timestamp such as 2026-01-01T00:00:00Z",
        _ when type == typeof(Uri) => "a URL",
        _ => type.Name,
    };

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Guid)
        || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(decimal) || type == typeof(DateTime);

    private static PropertyInfo[] Settings(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)];

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
    }
}

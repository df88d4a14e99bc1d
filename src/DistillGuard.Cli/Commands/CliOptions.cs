using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Commands;

/// <summary>The options that several commands share, made alike.</summary>
internal static class CliOptions
{
    /// <summary>The default seed of simulations: the same seed writes the same bytes.</summary>
    public const int DefaultSeed = 7;

    private const string ExchangeFormat = "exchange";
    private const string LiteLlmFormat = "litellm";

    /// <summary>Makes <c>--format</c>: <c>exchange</c> (dg-exchange/1, the default) or <c>litellm</c>.</summary>
    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Input format: 'exchange' (dg-exchange/1 JSON Lines) or 'litellm' (LiteLLM StandardLoggingPayload, one per line)",
        DefaultValueFactory = _ => ExchangeFormat,
        HelpName = "exchange|litellm",
    }.AcceptOnlyFromAmong(ExchangeFormat, LiteLlmFormat);

    /// <summary>Maps a <c>--format</c> value to the reader's format.</summary>
    public static InputFormat ParseFormat(string? value) =>
        string.Equals(value, LiteLlmFormat, StringComparison.OrdinalIgnoreCase) ? InputFormat.LiteLlm : InputFormat.Exchange;

    /// <summary>Names a format as <c>--format</c> takes it.</summary>
    public static string FormatName(InputFormat format) => format == InputFormat.LiteLlm ? LiteLlmFormat : ExchangeFormat;

    /// <summary>Makes a required option that names a file.</summary>
    public static Option<string> RequiredPath(string name, string description, string helpName = "FILE") => new(name)
    {
        Description = description,
        Required = true,
        HelpName = helpName,
    };

    /// <summary>Makes an optional option that names a file.</summary>
    public static Option<string?> OptionalPath(string name, string description, string helpName = "FILE") => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    /// <summary>Makes <c>--allow-list</c>: the accounts the provider allow-lists, held at <c>suspicious</c> at most.</summary>
    public static Option<string?> AllowList() => OptionalPath(
        "--allow-list",
        "Accounts the provider allow-lists (dg-sim-allowlist/1 JSON, as simulate writes allowlist.json): still scored, but held at suspicious at most for an analyst to decide");

    /// <summary>Makes <c>--seed</c>.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of the simulation; the same seed and scale write the same bytes",
        DefaultValueFactory = _ => DefaultSeed,
        HelpName = "N",
    };

    /// <summary>Makes <c>--scale</c>, a positive factor on the scenario's population and campaign sizes.</summary>
    public static Option<double> Scale(double defaultValue) => Positive(new Option<double>("--scale")
    {
        Description = "Factor on the scenario's numbers of accounts (1 = as written)",
        DefaultValueFactory = _ => defaultValue,
        HelpName = "F",
    });

    /// <summary>Adds a validator that the option's value is greater than zero.</summary>
    public static Option<double> Positive(Option<double> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (!TryGetValue<double>(result, out var value))
            {
                return;
            }

            if (!(value > 0) || double.IsInfinity(value))
            {
                result.AddError($"{option.Name} must be a number greater than 0 (got {value.ToString(CultureInfo.InvariantCulture)})");
            }
        });
        return option;
    }

    /// <summary>Adds a validator that the option's value is at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(Option<int> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (!TryGetValue<int>(result, out var value))
            {
                return;
            }

            if (value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)})");
            }
        });
        return option;
    }

    /// <summary>Adds a validator that the option's value, where given, is in [0, 1].</summary>
    public static Option<double?> Fraction(Option<double?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var given) && given is { } value && value is not (>= 0 and <= 1))
            {
                result.AddError($"{option.Name} must be between 0 and 1 (got {value.ToString(CultureInfo.InvariantCulture)})");
            }
        });
        return option;
    }

    /// <summary>Parses an absolute http or https URL.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The URL, or <see langword="null"/> when the text is not one.</returns>
    public static Uri? ParseHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>Adds a validator that the option's value, where given, is an absolute http or https URL.</summary>
    public static Option<string?> HttpUrl(Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (TryGetValue<string?>(result, out var value) && value is not null && ParseHttpUrl(value) is null)
            {
                result.AddError($"{option.Name} must be an absolute http or https URL (got '{value}')");
            }
        });
        return option;
    }

    /// <summary>Reads an option's value in a validator; a value that does not convert is reported by the parser itself, so a validator has nothing to add then.</summary>
    public static bool TryGetValue<T>(OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}

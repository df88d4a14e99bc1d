using System.Globalization;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Output volume: completion and reasoning tokens per active day, against what the account's plan and age make
/// ordinary.
/// </summary>
/// <remarks>
/// The expected daily volume is a plan's typical ceiling (free 20k tokens, paid 200k, enterprise 5M), halved for an
/// account that started using the API in its first week. The value rises with the decimal log of the ratio.
/// </remarks>
internal sealed class OutputVolumeSignal : IDetectionSignal
{
    public string Name => "output_volume";

    public double Weight => 1.5;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var ratio = TokensPerDay(state) / Expected(state, context);
        return SignalMath.Ramp(Math.Log10(Math.Max(ratio, 1e-6)), -0.3, 1.0);
    }

    public string Explain(SubjectState state, double value) =>
        $"{TokensPerDay(state).ToString("N0", CultureInfo.InvariantCulture)} output tokens per active day on plan "
        + $"'{state.Plan ?? "unknown"}'"
        + (state.AgeAtFirstSeenDays is { } age ? $", account {age.ToString("0", CultureInfo.InvariantCulture)} days old at first use" : string.Empty);

    internal static double TokensPerDay(SubjectState state)
    {
        var days = Math.Max(1, System.Numerics.BitOperations.PopCount(state.ActiveDays));
        return (state.CompletionTokens + state.ReasoningTokens) / (double)days;
    }

    private static double Expected(SubjectState state, in SignalContext context)
    {
        var expected = state.Plan switch
        {
            "enterprise" => 5_000_000.0,
            "free" => 20_000.0,
            _ => 200_000.0,
        };

        if (state.AgeAtFirstSeenDays is < 7)
        {
            expected /= 2;
        }

        // A campaign's volume is spread over its members' accounts.
        return context.IsCampaign ? expected * Math.Max(1, state.SubjectsMerged) : expected;
    }
}

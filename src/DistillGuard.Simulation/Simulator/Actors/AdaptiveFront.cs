using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// One front of an adaptive campaign (an account, or an end user behind a router): who it claims to be and how it
/// behaves. Everything here is drawn from the distributions benign users are drawn from.
/// </summary>
internal sealed class AdaptiveFront
{
    public required Subject Subject { get; init; }

    /// <summary>Gets the account it sends through: its own, or the router's.</summary>
    public required Account Account { get; init; }

    public required string Language { get; init; }

    public required double UtcOffsetHours { get; init; }

    public required IReadOnlyList<double> Profile { get; init; }

    public required double ActiveDayProbability { get; init; }

    /// <summary>Gets the router the front's requests go through, or <see langword="null"/> for a front with its own account.</summary>
    public RouterHost? Router { get; init; }

    /// <summary>Gets the home connection, or <see langword="null"/> when the front sits behind a router.</summary>
    public HomeNetwork? Network { get; init; }

    public required ClientSoftware Software { get; init; }

    /// <summary>Gets the request settings, the way a chat user of the same kind sets them.</summary>
    public required ChatPersona Persona { get; init; }

    /// <summary>Gets the registers this front's prompts are reworded in, its favourite first.</summary>
    public required IReadOnlyList<ParaphraseStyle> Styles { get; init; }

    /// <summary>Gets when the front sends its first request.</summary>
    public required DateTimeOffset ActiveFrom { get; init; }
}

using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Which catalogue of attacker phrasings a simulation draws from: reasoning-trace coercion wrappers,
/// hydra prompt-template families and low-and-slow instruction prefixes (<c>phrasings</c> in the scenario file).
/// </summary>
/// <remarks>
/// Detection is tuned on <see cref="Dev"/> traffic and evaluated on <see cref="Holdout"/> traffic, whose phrasings are
/// written in different words and structure and include whole languages that the development set lacks. A detector
/// that only memorised the development phrasings scores poorly on the holdout set.
/// </remarks>
public enum PhrasingSet
{
    /// <summary>The development catalogue, for tuning (<c>dev</c>).</summary>
    [JsonStringEnumMemberName("dev")]
    Dev = 0,

    /// <summary>The held-out catalogue, never used for tuning (<c>holdout</c>).</summary>
    [JsonStringEnumMemberName("holdout")]
    Holdout,

    /// <summary>Both catalogues (<c>all</c>).</summary>
    [JsonStringEnumMemberName("all")]
    All,
}

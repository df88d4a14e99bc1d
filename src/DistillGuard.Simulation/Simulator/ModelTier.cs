using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>The class of a simulated model, which decides who uses it and how it answers.</summary>
public enum ModelTier
{
    /// <summary>The provider's most capable model, the one distillers want (<c>flagship</c>).</summary>
    [JsonStringEnumMemberName("flagship")]
    Flagship = 0,

    /// <summary>A smaller, cheaper model (<c>mini</c>).</summary>
    [JsonStringEnumMemberName("mini")]
    Mini,

    /// <summary>A fast, low-latency model used for chat, classification and batch work (<c>fast</c>).</summary>
    [JsonStringEnumMemberName("fast")]
    Fast,
}

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>A subtopic of the topic taxonomy.</summary>
/// <param name="Name">The subtopic's name.</param>
/// <param name="Concepts">Concepts, results and methods inside it.</param>
/// <param name="Quantitative">Whether questions about it involve derivations or calculations.</param>
internal sealed record TopicSubfield(string Name, IReadOnlyList<string> Concepts, bool Quantitative);

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>A field of the topic taxonomy.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Subfields">Its subtopics.</param>
internal sealed record TopicField(string Name, IReadOnlyList<TopicSubfield> Subfields);

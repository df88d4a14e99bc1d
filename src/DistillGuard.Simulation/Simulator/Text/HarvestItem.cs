namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>One distillation-style question a harvesting operation sends, with where it sits in the topic sweep.</summary>
/// <param name="Question">The question text.</param>
/// <param name="Field">The field it belongs to.</param>
/// <param name="Subtopic">The subtopic it belongs to.</param>
/// <param name="Kind">What kind of answer it calls for.</param>
/// <param name="FollowUp">A second turn to send in the same conversation (MT-Bench), or <see langword="null"/>.</param>
internal sealed record HarvestItem(string Question, string Field, string Subtopic, ContentKind Kind, string? FollowUp = null);

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>One prompt of the shipped public corpora (data/corpora/*.jsonl).</summary>
/// <param name="Id">The prompt's id in its corpus, for example <c>gsm8k-test-0001</c>.</param>
/// <param name="Text">The prompt text.</param>
/// <param name="Source">The repository it comes from.</param>
/// <param name="Category">The corpus's category of the prompt.</param>
internal sealed record CorpusPrompt(string Id, string Text, string Source, string Category);

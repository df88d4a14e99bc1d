namespace DistillGuard.ServiceBench;

/// <summary>One <c>POST /v1/exchanges</c> body: a slice of the corpus's bytes holding whole lines.</summary>
/// <param name="Offset">Where the slice starts.</param>
/// <param name="Count">How many bytes it holds.</param>
/// <param name="Lines">How many non-blank lines it holds.</param>
public readonly record struct IngestBody(int Offset, int Count, int Lines);

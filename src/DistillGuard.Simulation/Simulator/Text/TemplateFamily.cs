namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// A family of harvesting prompt templates an operation shares across its accounts: paraphrase variants of one
/// template with the slots <c>{field}</c>, <c>{subtopic}</c>, <c>{question}</c> and <c>{n}</c>.
/// </summary>
/// <param name="Name">The family's name.</param>
/// <param name="Variants">The paraphrase variants.</param>
internal sealed record TemplateFamily(string Name, IReadOnlyList<string> Variants)
{
    /// <summary>Gets the variants' fixed text between slots.</summary>
    public IEnumerable<string> FixedParts() =>
        Variants.SelectMany(v => v.Split(['{', '}']).Where((_, i) => i % 2 == 0))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0);
}

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>One catalogue of attacker phrasings: coercion wrappers, hydra template families and length-demanding instruction prefixes.</summary>
/// <param name="Wrappers">Reasoning-trace coercion wrappers.</param>
/// <param name="TemplateFamilies">Shared harvesting template families.</param>
/// <param name="LengthPrefixes">Instruction prefixes that ask for long, thorough answers (low-and-slow sweeps).</param>
internal sealed record PhrasingCatalogue(
    IReadOnlyList<CoercionWrapper> Wrappers,
    IReadOnlyList<TemplateFamily> TemplateFamilies,
    IReadOnlyList<string> LengthPrefixes)
{
    /// <summary>Gets every fixed text of the catalogue (for checking which catalogue traffic came from).</summary>
    public IEnumerable<string> FixedParts() =>
        Wrappers.SelectMany(w => w.FixedParts())
            .Concat(TemplateFamilies.SelectMany(f => f.FixedParts()))
            .Concat(LengthPrefixes.Select(p => p.Trim()));
}

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>The attacker phrasings a simulation may use, chosen by the scenario's <see cref="PhrasingSet"/>.</summary>
internal sealed class Phrasebook
{
    public Phrasebook(PhrasingSet set)
    {
        var catalogues = set switch
        {
            PhrasingSet.Dev => [DevPhrasings.Catalogue],
            PhrasingSet.Holdout => [HoldoutPhrasings.Catalogue],
            _ => new[] { DevPhrasings.Catalogue, HoldoutPhrasings.Catalogue },
        };

        Wrappers = [.. catalogues.SelectMany(c => c.Wrappers)];
        EnglishWrappers = [.. Wrappers.Where(w => w.Language == "en")];
        ForeignWrappers = [.. Wrappers.Where(w => w.Language != "en")];
        TemplateFamilies = [.. catalogues.SelectMany(c => c.TemplateFamilies)];
        LengthPrefixes = [.. catalogues.SelectMany(c => c.LengthPrefixes)];
        ForeignLanguages = [.. ForeignWrappers.Select(w => w.Language).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<CoercionWrapper> Wrappers { get; }

    public IReadOnlyList<CoercionWrapper> EnglishWrappers { get; }

    public IReadOnlyList<CoercionWrapper> ForeignWrappers { get; }

    public IReadOnlyList<string> ForeignLanguages { get; }

    public IReadOnlyList<TemplateFamily> TemplateFamilies { get; }

    public IReadOnlyList<string> LengthPrefixes { get; }

    public IReadOnlyList<CoercionWrapper> WrappersIn(string language) => [.. Wrappers.Where(w => w.Language == language)];
}

using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>Small variants of the default scenario that keep every population and campaign but run in a fraction of a second.</summary>
internal static class TestScenarios
{
    public const double Scale = 0.1;

    /// <summary>Five days, the new flagship on day 2, per-subject volumes cut down.</summary>
    public static Scenario Small(PhrasingSet phrasings = PhrasingSet.Dev)
    {
        var scenario = Scenario.Default;
        return scenario with
        {
            Days = 5,
            Phrasings = phrasings,
            Models = [.. scenario.Models.Select(m => m.ReleaseDay > 0 ? m with { ReleaseDay = 2 } : m)],
            Populations = [.. scenario.Populations.Select(Shrink)],
            Campaigns = [.. scenario.Campaigns.Select(Shrink)],
        };
    }

    /// <summary>Reads a scenario file of the repository's data/scenarios folder.</summary>
    public static Scenario File(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "data", "scenarios", name);
            if (System.IO.File.Exists(path))
            {
                return Scenario.Load(path);
            }
        }

        throw new FileNotFoundException($"data/scenarios/{name} is not above {AppContext.BaseDirectory}");
    }

    /// <summary>A scenario file cut to six days, the new flagship on day 3, per-subject volumes of the machine populations cut down.</summary>
    public static Scenario SmallFile(string name)
    {
        var scenario = File(name);
        return scenario with
        {
            Days = 6,
            Models = [.. scenario.Models.Select(m => m.ReleaseDay > 0 ? m with { ReleaseDay = 3 } : m)],
            Populations = [.. scenario.Populations.Select(Shrink)],
            Campaigns = [.. scenario.Campaigns.Select(c => c with { StartDay = Math.Min(c.StartDay, 2), EndDay = null })],
        };
    }

    private static PopulationSpec Shrink(PopulationSpec population) => population switch
    {
        BatchPopulationSpec batch => batch with { ExchangesPerJob = IntRange.Of(20, 60) },
        LogprobsPopulationSpec logprobs => logprobs with { ExchangesPerDay = IntRange.Of(20, 60) },
        EvalHarnessPopulationSpec harness => harness with { BenchmarksPerHarness = IntRange.Of(1, 1) },
        LicensedSyntheticPopulationSpec licensed => licensed with { ExchangesPerDay = IntRange.Of(50, 100) },
        _ => population,
    };

    private static CampaignSpec Shrink(CampaignSpec campaign) => campaign switch
    {
        OvertCampaignSpec overt => overt with { ExchangesPerAccountDay = IntRange.Of(40, 80) },
        _ => campaign,
    };
}

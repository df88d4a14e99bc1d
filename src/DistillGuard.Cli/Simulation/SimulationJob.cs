using DistillGuard.Cli.Rendering;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Cli.Simulation;

/// <summary>What <c>simulate</c> does: a scenario to <c>traffic.jsonl</c>, <c>labels.jsonl</c> and <c>allowlist.json</c> in a folder; <c>demo</c> runs it too.</summary>
internal static class SimulationJob
{
    /// <summary>The traffic file's name in the output folder.</summary>
    public const string TrafficFile = "traffic.jsonl";

    /// <summary>The labels file's name in the output folder.</summary>
    public const string LabelsFile = "labels.jsonl";

    /// <summary>The allow-list file's name in the output folder: the accounts the simulated provider allow-lists (<c>dg-sim-allowlist/1</c>).</summary>
    public const string AllowListFile = "allowlist.json";

    /// <summary>Runs the simulation.</summary>
    /// <param name="context">Where progress is drawn.</param>
    /// <param name="folder">The output folder; created if missing.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="scale">The scale, a positive factor on the scenario's counts.</param>
    /// <param name="scenarioPath">A scenario file, or <see langword="null"/> for the built-in default.</param>
    /// <param name="cancellationToken">Stops the run between simulated days.</param>
    /// <returns>What was written, and where.</returns>
    /// <exception cref="ScenarioException">The scenario file cannot be read or is not valid.</exception>
    /// <exception cref="UsageException">The folder cannot be created.</exception>
    public static async Task<SimulationOutput> RunAsync(
        CliContext context,
        string folder,
        int seed,
        double scale,
        string? scenarioPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = scenarioPath is null ? Scenario.Default : await Scenario.LoadAsync(scenarioPath, cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create output folder '{folder}': {ex.Message}", ex);
        }

        var traffic = Path.Combine(folder, TrafficFile);
        var labels = Path.Combine(folder, LabelsFile);
        var allowList = Path.Combine(folder, AllowListFile);

        // The files are written beside their final names and renamed at the end, so a failed run leaves no half file.
        var trafficTemporary = traffic + ".partial";
        var labelsTemporary = labels + ".partial";
        var allowListTemporary = allowList + ".partial";
        try
        {
            // The simulator reports nothing as it goes: the traffic file's growth is the progress.
            var what = $"simulate: {scenario.Days} days at scale {Formatting.Number(scale, 2)}, seed {seed}";
            var result = await ProgressDisplay.RunAsync(
                context,
                () => $"{what}: {Formatting.Count(WrittenBytes(trafficTemporary) / (1024 * 1024))} MiB written",
                () => Task.Run(
                    () =>
                    {
                        using var trafficStream = new FileStream(trafficTemporary, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
                        using var labelsStream = new FileStream(labelsTemporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                        using var allowListStream = new FileStream(allowListTemporary, FileMode.Create, FileAccess.Write, FileShare.None);
                        return TrafficSimulator.Run(scenario, seed, scale, trafficStream, labelsStream, allowListStream, cancellationToken);
                    },
                    cancellationToken)).ConfigureAwait(false);
            File.Move(trafficTemporary, traffic, overwrite: true);
            File.Move(labelsTemporary, labels, overwrite: true);
            File.Move(allowListTemporary, allowList, overwrite: true);
            return new SimulationOutput(result, traffic, labels, allowList);
        }
        finally
        {
            File.Delete(trafficTemporary);
            File.Delete(labelsTemporary);
            File.Delete(allowListTemporary);
        }
    }

    private static long WrittenBytes(string path)
    {
        try
        {
            return File.Exists(path) ? new FileInfo(path).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

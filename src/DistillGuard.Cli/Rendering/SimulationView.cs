using DistillGuard.Cli.Simulation;
using Spectre.Console;

namespace DistillGuard.Cli.Rendering;

/// <summary>The table <c>simulate</c> prints: what each population and campaign contributed.</summary>
internal static class SimulationView
{
    /// <summary>Writes the counts.</summary>
    public static void Write(IAnsiConsole console, SimulationOutput output)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(output);
        var result = output.Result;
        var table = new Table()
            .Title("simulation")
            .Caption($"{Formatting.Count(result.Exchanges)} exchanges, {Formatting.Count(result.Labels)} labels, "
                + $"{Formatting.Timestamp(result.Start)} to {Formatting.Timestamp(result.End)}, seed {result.Seed}, scale {Formatting.Number(result.Scale, 2)}")
            .AddColumns("group", "kind", "label", "subjects", "exchanges");
        foreach (var group in result.Groups)
        {
            table.AddRow(
                new Text(group.Name),
                new Text(group.Kind),
                new Text(group.Label ?? "(unlabelled)"),
                new Text(Formatting.Count(group.Subjects)),
                new Text(Formatting.Count(group.Exchanges)));
        }

        table.Columns[3].RightAligned();
        table.Columns[4].RightAligned();
        console.Write(table);
        console.Write(new Text($"wrote {output.TrafficPath}, {output.LabelsPath} and {output.AllowListPath} "
            + $"({Formatting.Count(result.AllowList.Count)} allow-listed account{(result.AllowList.Count == 1 ? string.Empty : "s")})\n"));
    }
}

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The whole chain on held-out material: traffic simulated with the attacker phrasings that tuning never saw, on a
/// seed tuning never used, detected and evaluated against the bars. A regression in any signal, in linking
/// or in scoring that costs recall or raises false positives fails here.
/// </summary>
public sealed class DetectionQualityTests
{
    [Fact]
    public async Task Evaluate_HeldOutPhrasingsAndSeed_MeetsTheQualityBars()
    {
        using var folder = new TempFolder();
        var scenario = Path.Combine(AppContext.BaseDirectory, "holdout-phrasings.json");

        var simulate = await CliRun.RunAsync("simulate", "--out", folder.Path, "--seed", "21", "--scale", "0.25", "--scenario", scenario);
        var detect = await CliRun.RunAsync("detect", "--input", folder.File("traffic.jsonl"), "--output", folder.File("findings.json"));
        var evaluate = await CliRun.RunAsync(
            "evaluate", "--findings", folder.File("findings.json"), "--labels", folder.File("labels.jsonl"),
            "--min-recall", "0.95", "--max-fpr", "0.01", "--min-precision", "0.99");

        Assert.Equal(0, simulate.ExitCode);
        Assert.Equal(0, detect.ExitCode);
        Assert.True(evaluate.ExitCode == 0, evaluate.Out + evaluate.Error);
    }
}

using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.Evaluation.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class CalibrationTests
{
    private static SubjectFinding Scored(string account, double score) => Finding(account, Verdict.Benign) with { Score = score };

    [Fact]
    public void Evaluate_ScoresOnAndBetweenBandBounds_CountEachBandExactly()
    {
        var findings = Document(
            Scored("b1", 0.05), Scored("b2", 0.1), Scored("a1", 0.3), Scored("b3", 0.35), Scored("a2", 0.95), Scored("a3", 1.0), Scored("x", 0.5));
        SubjectLabel[] labels = [Benign("b1"), Benign("b2"), Attacker("a1"), Benign("b3"), Attacker("a2"), Attacker("a3")];

        var calibration = Evaluator.Evaluate(findings, labels).Calibration;

        Assert.Equal(6, calibration.Subjects);
        Assert.Equal(10, calibration.Bands.Count);
        Assert.Equal([1, 1, 0, 2, 0, 0, 0, 0, 0, 2], calibration.Bands.Select(band => band.Subjects));
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 2], calibration.Bands.Select(band => band.Attackers));
        Assert.Equal(new CalibrationBand { Lower = 0.3, Upper = 0.4, Subjects = 2, Attackers = 1, AttackerShare = 0.5, MeanScore = (0.3 + 0.35) / 2 }, calibration.Bands[3]);
        Assert.Equal((0.9, 1.0, 1.0), (calibration.Bands[9].Lower, calibration.Bands[9].Upper, calibration.Bands[9].AttackerShare!.Value));
        Assert.Null(calibration.Bands[2].AttackerShare);
        Assert.Null(calibration.Bands[2].MeanScore);

        // Bands 0, 1, 3, 9: |0.05 - 0| + |0.1 - 0| + 2·|0.325 - 0.5| + 2·|0.975 - 1|, over six subjects.
        Assert.Equal((0.05 + 0.1 + (2 * 0.175) + (2 * 0.025)) / 6, calibration.ExpectedCalibrationError!.Value, 12);
        var brier = ((0.05 * 0.05) + (0.1 * 0.1) + (0.7 * 0.7) + (0.35 * 0.35) + (0.05 * 0.05) + 0) / 6;
        Assert.Equal(brier, calibration.BrierScore!.Value, 12);
    }

    [Fact]
    public void Evaluate_OtherBandCount_SplitsTheUnitIntervalEvenly()
    {
        var calibration = Evaluator.Evaluate(Document(Scored("a", 0.5)), [Attacker("a")], new EvaluationOptions { CalibrationBands = 4 }).Calibration;

        Assert.Equal([0, 0.25, 0.5, 0.75], calibration.Bands.Select(band => band.Lower));
        Assert.Equal(1, calibration.Bands[2].Subjects);
        Assert.Equal(0.5, calibration.ExpectedCalibrationError);
    }

    [Fact]
    public void Evaluate_NoLabelledSubjectWithAFinding_LeavesCalibrationUndefined()
    {
        var calibration = Evaluator.Evaluate(Document(Scored("x", 0.5)), [Attacker("gone")]).Calibration;

        Assert.Equal(0, calibration.Subjects);
        Assert.All(calibration.Bands, band => Assert.Equal(0, band.Subjects));
        Assert.Null(calibration.ExpectedCalibrationError);
        Assert.Null(calibration.BrierScore);
    }
}

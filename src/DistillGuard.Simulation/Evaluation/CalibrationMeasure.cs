using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Builds the calibration table (<see cref="CalibrationMetrics"/>).</summary>
internal static class CalibrationMeasure
{
    public static CalibrationMetrics Measure(IEnumerable<LabelledSubject> matched, int bands)
    {
        var judged = matched.Where(subject => subject.Finding is not null).ToList();
        var lowerBounds = Enumerable.Range(0, bands).Select(band => (double)band / bands).ToArray();
        var inBand = judged.ToLookup(subject => BandOf(subject.Finding!.Score, lowerBounds));
        var table = Enumerable.Range(0, bands).Select(band =>
        {
            var subjects = inBand[band].ToList();
            var attackers = subjects.Count(subject => subject.Label.IsDistillation);
            return new CalibrationBand
            {
                Lower = lowerBounds[band],
                Upper = band + 1 == bands ? 1.0 : lowerBounds[band + 1],
                Subjects = subjects.Count,
                Attackers = attackers,
                AttackerShare = Evaluator.Ratio(attackers, subjects.Count),
                MeanScore = subjects.Count == 0 ? null : subjects.Average(subject => subject.Finding!.Score),
            };
        }).ToList();

        return new CalibrationMetrics
        {
            Subjects = judged.Count,
            Bands = table,
            ExpectedCalibrationError = judged.Count == 0
                ? null
                : table.Where(band => band.Subjects > 0).Sum(band => band.Subjects * Math.Abs(band.MeanScore!.Value - band.AttackerShare!.Value)) / judged.Count,
            BrierScore = judged.Count == 0
                ? null
                : judged.Average(subject => Math.Pow(subject.Finding!.Score - (subject.Label.IsDistillation ? 1 : 0), 2)),
        };
    }

    // The last band whose lower bound the score reaches: bounds are computed as band / bands, the same doubles as the
    // decimal literals a score is written with (0.3 is in [0.3, 0.4)), and scores outside [0, 1] fall in the end bands.
    private static int BandOf(double score, double[] lowerBounds)
    {
        var band = 0;
        while (band + 1 < lowerBounds.Length && score >= lowerBounds[band + 1])
        {
            band++;
        }

        return band;
    }
}

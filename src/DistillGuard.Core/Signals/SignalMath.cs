namespace DistillGuard.Core.Signals;

/// <summary>Small helpers shared by the signals.</summary>
internal static class SignalMath
{
    /// <summary>A share shrunk towards zero for small samples: <c>k / (n + prior)</c>.</summary>
    public static double Share(long k, long n, double prior = 3) => n <= 0 ? 0 : k / (n + prior);

    /// <summary>A ramp from 0 at <paramref name="low"/> to 1 at <paramref name="high"/>.</summary>
    public static double Ramp(double x, double low, double high) => Math.Clamp((x - low) / (high - low), 0, 1);

    /// <summary>How much a sample of <paramref name="n"/> can be trusted: 0 below <paramref name="min"/>, 1 from <paramref name="full"/>.</summary>
    public static double Confidence(long n, long min, long full) => Ramp(n, min, full);
}

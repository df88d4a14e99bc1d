namespace DistillGuard.ServiceBench;

/// <summary>One batch pass's figures.</summary>
/// <param name="Seconds">From the first read to the last observation.</param>
/// <param name="Exchanges">Exchanges observed.</param>
/// <param name="Rejected">Lines rejected.</param>
/// <param name="Activity">What the process did during the pass (GC, CPU).</param>
public sealed record BatchPassResult(double Seconds, long Exchanges, long Rejected, ProcessActivity Activity)
{
    /// <summary>Gets the exchanges per second.</summary>
    public double PerSecond => Exchanges / Seconds;
}

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>
/// The exchanges of the current time slice (and of later slices, for conversations that run past its end), ordered
/// by timestamp and then by the order they were generated in, which makes the output independent of sort stability.
/// </summary>
internal sealed class DayBuffer
{
    private readonly List<ExchangeDraft> _pending = [];
    private long _sequence;

    public int Count => _pending.Count;

    public long NextSequence() => _sequence++;

    public void Add(ExchangeDraft draft) => _pending.Add(draft);

    /// <summary>Removes and returns, in order, every exchange before <paramref name="end"/>.</summary>
    public List<ExchangeDraft> TakeBefore(DateTimeOffset end)
    {
        _pending.Sort(static (a, b) =>
        {
            var byTime = a.Timestamp.UtcTicks.CompareTo(b.Timestamp.UtcTicks);
            return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
        });

        var count = 0;
        while (count < _pending.Count && _pending[count].Timestamp < end)
        {
            count++;
        }

        var taken = _pending.GetRange(0, count);
        _pending.RemoveRange(0, count);
        return taken;
    }

    public void Clear() => _pending.Clear();
}

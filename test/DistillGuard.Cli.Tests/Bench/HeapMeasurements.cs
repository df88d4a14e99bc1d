namespace DistillGuard.Cli.Tests.Bench;

/// <summary>
/// Tests that measure the managed heap's growth. <see cref="GC.GetTotalMemory(bool)"/> counts every thread's objects,
/// so these run alone: another test allocating or freeing at the same time would move the baseline (a CI run once saw
/// the heap shrink during a 500-subject probe).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Heap measurements";
}

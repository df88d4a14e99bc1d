namespace DistillGuard.Core.Sketches;

/// <summary>The tag in the first byte of every serialised sketch, so a checkpoint cannot be read as the wrong kind.</summary>
internal enum SketchKind : byte
{
    HyperLogLog = 1,
    SpaceSaving = 2,
    MinHashSignature = 3,
    CountMinSketch = 4,
    DecayedCounter = 5,
    RunningStats = 6,
}

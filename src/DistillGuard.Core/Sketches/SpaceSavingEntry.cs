namespace DistillGuard.Core.Sketches;

/// <summary>An item that a <see cref="SpaceSaving"/> sketch monitors, with its estimated count and that estimate's error bound.</summary>
/// <param name="Key">The item's 64-bit key.</param>
/// <param name="Count">The estimated count: never below the true count.</param>
/// <param name="Error">How far <paramref name="Count"/> may exceed the true count: the true count is in [Count - Error, Count].</param>
public readonly record struct SpaceSavingEntry(ulong Key, long Count, long Error)
{
    /// <summary>Gets the count the item certainly reached: <see cref="Count"/> minus <see cref="Error"/>.</summary>
    public long GuaranteedCount => Count - Error;
}

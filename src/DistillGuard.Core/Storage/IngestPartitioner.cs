using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Storage;

/// <summary>Which partition of an <see cref="IIngestLog"/> an account's exchanges go to.</summary>
/// <remarks>
/// XXH3-64 of the account id's UTF-8 (<see cref="Hashing.Hash(ReadOnlySpan{char}, long)"/>, the engine's hash) modulo
/// the partition count: the same on every process and machine, so every producer sends an account to the same
/// partition and one pump sees all of its exchanges in order. Changing the count moves accounts between partitions;
/// drain the stream first.
/// </remarks>
public static class IngestPartitioner
{
    /// <summary>Gets the partition of an account.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="partitions">The partition count, at least 1.</param>
    /// <returns>The partition, in [0, <paramref name="partitions"/>).</returns>
    public static int PartitionOf(string accountId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (int)(Hashing.Hash(accountId.AsSpan()) % (ulong)partitions);
    }
}

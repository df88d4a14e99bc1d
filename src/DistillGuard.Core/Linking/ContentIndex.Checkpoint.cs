using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Linking;

// The checkpoint form of the content index (part of DetectionEngine.WriteCheckpoint).
internal sealed partial class ContentIndex
{
    /// <summary>Writes both generations, current first, each bucket in insertion order: key, count (−1 popular), accounts and prompt hashes.</summary>
    public void WriteCheckpoint(CheckpointWriter writer)
    {
        WriteGeneration(writer, _current);
        WriteGeneration(writer, _previous);
    }

    /// <summary>Fills this new, empty index from what <see cref="WriteCheckpoint"/> wrote.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="accounts">The number of accounts, which bounds the indices.</param>
    /// <exception cref="InvalidDataException">The bytes are not a consistent index.</exception>
    public void ReadCheckpoint(ref CheckpointReader reader, int accounts)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("A checkpoint is read into an empty content index.");
        }

        ReadGeneration(ref reader, _current, accounts);
        ReadGeneration(ref reader, _previous, accounts);
        foreach (var key in _current.Keys)
        {
            if (_previous.ContainsKey(key))
            {
                throw reader.Invalid($"content bucket {key:x8} is in both generations");
            }
        }
    }

    private static void WriteGeneration(CheckpointWriter writer, Dictionary<uint, Bucket> generation)
    {
        writer.WriteInt32(generation.Count);
        foreach (var (key, bucket) in generation)
        {
            writer.WriteInt32(unchecked((int)key));
            writer.WriteInt32(bucket.Count);
            for (var i = 0; i < bucket.Count; i++)
            {
                writer.WriteInt32(bucket.Accounts[i]);
                writer.WriteInt32(unchecked((int)bucket.Prompts[i]));
            }
        }
    }

    private static void ReadGeneration(ref CheckpointReader reader, Dictionary<uint, Bucket> generation, int accounts)
    {
        var count = reader.ReadCount("content buckets", 2 * sizeof(int));
        if (count > MaxKeysPerGeneration)
        {
            throw reader.Invalid($"{count} content buckets in one generation, more than {MaxKeysPerGeneration}");
        }

        for (var b = 0; b < count; b++)
        {
            var key = unchecked((uint)reader.ReadInt32());
            var bucket = new Bucket { Count = reader.ReadInt32() };
            if (bucket.Count is < -1 or > MaxBucketAccounts || bucket.Count == 0)
            {
                throw reader.Invalid($"content bucket {key:x8} lists {bucket.Count} accounts");
            }

            for (var i = 0; i < bucket.Count; i++)
            {
                bucket.Accounts[i] = reader.ReadIndex(accounts, "an account of a content bucket");
                bucket.Prompts[i] = unchecked((uint)reader.ReadInt32());
            }

            if (key == 0 || !generation.TryAdd(key, bucket))
            {
                throw reader.Invalid($"content bucket {key:x8} is zero or appears twice");
            }
        }
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;
using DistillGuard.Core.Engine;

namespace DistillGuard.Server.Engine;

/// <summary>
/// The service's checkpoint: the engine's checkpoint and the state of the sequencer in front of it, with the exchanges
/// the sequencer held back named by their journal sequence (the journal holds them; a restore reads them back).
/// </summary>
/// <remarks>
/// <code>
/// "DGHC" | UInt16 version (1) | Int32 length, engine checkpoint (DetectionEngine.WriteCheckpoint)
/// Int64 max ticks | Int64 released ticks | Int64 next heap sequence | Int64 accepted | Int64 duplicates | Int64 late
/// first, last timestamp: Byte present, Int64 UTC ticks, Int16 offset minutes
/// Int32 held count | per held exchange: Int64 journal sequence, Byte in-order queue (1) or heap (0), Int64 heap sequence
/// UInt64 XXH3-64 of every byte before it
/// </code>
/// Little-endian. A checkpoint of an earlier build is the engine's checkpoint alone (it starts with <c>DGCK</c>); it is
/// read as one with a sequencer that holds nothing, which is what that build had.
/// </remarks>
internal static class HostCheckpoint
{
    private const ushort Version = 1;

    private static ReadOnlySpan<byte> Magic => "DGHC"u8;

    private static ReadOnlySpan<byte> EngineMagic => "DGCK"u8;

    /// <summary>Writes a checkpoint.</summary>
    /// <param name="engine">The engine's checkpoint.</param>
    /// <param name="sequencer">The sequencer's state; its held observations are not written, <paramref name="held"/> names them.</param>
    /// <param name="held">The journal sequence of each held observation, in the order of <see cref="SequencerState.Held"/>.</param>
    public static byte[] Write(ReadOnlySpan<byte> engine, SequencerState sequencer, IReadOnlyList<long> held)
    {
        var size = Magic.Length + sizeof(ushort) + sizeof(int) + engine.Length + (6 * sizeof(long)) + (2 * 11) + sizeof(int) + (held.Count * 17) + sizeof(ulong);
        var bytes = new byte[size];
        var w = new Span<byte>(bytes);
        var at = 0;
        Magic.CopyTo(w);
        at += Magic.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(w[at..], Version);
        at += sizeof(ushort);
        BinaryPrimitives.WriteInt32LittleEndian(w[at..], engine.Length);
        at += sizeof(int);
        engine.CopyTo(w[at..]);
        at += engine.Length;
        foreach (var value in new[] { sequencer.MaxTicks, sequencer.ReleasedTicks, sequencer.NextSequence, sequencer.Accepted, sequencer.Duplicates, sequencer.Late })
        {
            BinaryPrimitives.WriteInt64LittleEndian(w[at..], value);
            at += sizeof(long);
        }

        at = WriteTimestamp(w, at, sequencer.FirstTimestamp);
        at = WriteTimestamp(w, at, sequencer.LastTimestamp);
        BinaryPrimitives.WriteInt32LittleEndian(w[at..], held.Count);
        at += sizeof(int);
        for (var i = 0; i < held.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(w[at..], held[i]);
            w[at + 8] = sequencer.Held[i].InOrder ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt64LittleEndian(w[(at + 9)..], sequencer.Held[i].Sequence);
            at += 17;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(w[at..], XxHash3.HashToUInt64(w[..at]));
        at += sizeof(ulong);
        return at == bytes.Length ? bytes : bytes[..at];
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <returns>The engine's checkpoint; the sequencer's state (its <see cref="SequencerState.Held"/> empty), or
    /// <see langword="null"/> for a checkpoint of an earlier build; and the held exchanges' places.</returns>
    /// <exception cref="InvalidDataException">The bytes are not such a checkpoint, or are damaged.</exception>
    public static (ReadOnlyMemory<byte> Engine, SequencerState? Sequencer, IReadOnlyList<(long Journal, bool InOrder, long Sequence)> Held) Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.StartsWith(EngineMagic))
        {
            return (data, null, []);
        }

        if (!span.StartsWith(Magic) || span.Length < Magic.Length + sizeof(ushort) + sizeof(int) + sizeof(ulong))
        {
            throw new InvalidDataException("Not a DistillGuard service checkpoint: it does not start with \"DGHC\" or \"DGCK\".");
        }

        var body = span[..^sizeof(ulong)];
        if (XxHash3.HashToUInt64(body) != BinaryPrimitives.ReadUInt64LittleEndian(span[^sizeof(ulong)..]))
        {
            throw new InvalidDataException("The service checkpoint is damaged: its checksum does not match.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(body[Magic.Length..]);
        if (version != Version)
        {
            throw new InvalidDataException($"The service checkpoint has version {version}; this build reads version {Version}.");
        }

        try
        {
            var at = Magic.Length + sizeof(ushort);
            var engineLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            at += sizeof(int);
            if (engineLength < 0 || engineLength > body.Length - at)
            {
                throw new InvalidDataException("The service checkpoint's engine part is longer than the checkpoint.");
            }

            var engine = data.Slice(at, engineLength);
            at += engineLength;
            var values = new long[6];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
                at += sizeof(long);
            }

            (var first, at) = ReadTimestamp(body, at);
            (var last, at) = ReadTimestamp(body, at);
            var count = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            at += sizeof(int);
            if (count < 0 || (long)count * 17 != body.Length - at)
            {
                throw new InvalidDataException($"The service checkpoint lists {count} held exchanges, which its length does not match.");
            }

            var held = new (long, bool, long)[count];
            for (var i = 0; i < count; i++)
            {
                var inOrder = body[at + 8] switch
                {
                    0 => false,
                    1 => true,
                    var b => throw new InvalidDataException($"The service checkpoint has {b} where a held exchange's queue was expected."),
                };
                held[i] = (BinaryPrimitives.ReadInt64LittleEndian(body[at..]), inOrder, BinaryPrimitives.ReadInt64LittleEndian(body[(at + 9)..]));
                at += 17;
            }

            var state = new SequencerState
            {
                MaxTicks = values[0], ReleasedTicks = values[1], NextSequence = values[2], Accepted = values[3], Duplicates = values[4], Late = values[5],
                FirstTimestamp = first, LastTimestamp = last, Held = [],
            };
            return (engine, state, held);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("The service checkpoint is truncated or malformed: " + ex.Message, ex);
        }
    }

    private static int WriteTimestamp(Span<byte> w, int at, DateTimeOffset? value)
    {
        w[at] = value.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(w[(at + 1)..], value?.UtcTicks ?? 0);
        BinaryPrimitives.WriteInt16LittleEndian(w[(at + 9)..], (short)(value?.Offset.TotalMinutes ?? 0));
        return at + 11;
    }

    private static (DateTimeOffset? Value, int At) ReadTimestamp(ReadOnlySpan<byte> body, int at)
    {
        var present = body[at];
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 1)..]);
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(body[(at + 9)..]));
        if (present > 1 || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || offset.Duration() > TimeSpan.FromHours(14))
        {
            throw new InvalidDataException("The service checkpoint has a malformed timestamp.");
        }

        return (present == 1 ? new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset) : null, at + 11);
    }
}

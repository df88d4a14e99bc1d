using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DistillGuard.Core.Sketches;

/// <summary>
/// An exponentially decayed count with a half-life, driven by the timestamps passed in (never the wall clock), that
/// also gives an exponentially weighted moving rate.
/// </summary>
/// <remarks>
/// <para>
/// The counter holds Σ w_i·2^(-(t - t_i)/h) over the weights w_i added at times t_i, with half-life h: the forward-decay
/// form of Cormode, Shkapenyuk, Srivastava and Xu, "Forward decay: a practical time decay model for streaming systems"
/// (ICDE 2009), kept as one value and the time it refers to. An addition older than that time is decayed to it instead,
/// so the value does not depend on arrival order, and two counters merge exactly by decaying both to the later time
/// and adding.
/// </para>
/// <para>
/// For events arriving at a steady rate r the value tends to r·h/ln 2, so <see cref="RatePerSecondAt"/> divides by
/// h/ln 2: an exponentially weighted moving average of the rate whose weights halve every h.
/// </para>
/// <para>
/// A 24-byte mutable struct: keep it in a field (not a readonly one) and call its methods on that field.
/// The <see langword="default"/> value has no half-life and throws; create one with the constructor.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public struct DecayedCounter : ICheckpointable<DecayedCounter>, IEquatable<DecayedCounter>
{
    private const int BodyBytes = sizeof(long) + sizeof(double) + sizeof(long);
    private const int Bytes = SketchSerialization.PreambleSize + BodyBytes;

    private readonly long _halfLifeTicks;
    private double _value;
    private long _timestampTicks;

    /// <summary>Initializes a new instance of the <see cref="DecayedCounter"/> struct with a value of 0.</summary>
    /// <param name="halfLife">The time after which an addition weighs half as much; positive.</param>
    public DecayedCounter(TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _halfLifeTicks = halfLife.Ticks;
        _value = 0;
        _timestampTicks = DateTimeOffset.MinValue.UtcTicks;
    }

    private DecayedCounter(long halfLifeTicks, double value, long timestampTicks)
    {
        _halfLifeTicks = halfLifeTicks;
        _value = value;
        _timestampTicks = timestampTicks;
    }

    /// <summary>Gets the half-life.</summary>
    public readonly TimeSpan HalfLife => TimeSpan.FromTicks(_halfLifeTicks);

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public readonly int SerializedSize => Bytes;

    static int ICheckpointable<DecayedCounter>.HeaderSize => SketchSerialization.PreambleSize;

    /// <summary>Adds a weight at a time; additions may arrive out of order.</summary>
    /// <param name="timestamp">When the event happened, from the data (for example the exchange's timestamp).</param>
    /// <param name="weight">The event's weight; finite and not negative.</param>
    public void Add(DateTimeOffset timestamp, double weight = 1)
    {
        EnsureInitialized();
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight is finite and not negative.");
        }

        var ticks = timestamp.UtcTicks;
        if (ticks >= _timestampTicks)
        {
            _value = (_value * Decay(ticks - _timestampTicks)) + weight;
            _timestampTicks = ticks;
        }
        else
        {
            _value += weight * Decay(_timestampTicks - ticks);
        }
    }

    /// <summary>Gets the decayed count at a time.</summary>
    /// <param name="timestamp">The time; a time before the latest addition gives the value at that addition.</param>
    /// <returns>Σ w_i·2^(-(t - t_i)/h).</returns>
    public readonly double ValueAt(DateTimeOffset timestamp)
    {
        EnsureInitialized();
        var elapsed = timestamp.UtcTicks - _timestampTicks;
        return elapsed > 0 ? _value * Decay(elapsed) : _value;
    }

    /// <summary>Gets the exponentially weighted rate at a time, in weight per second.</summary>
    /// <param name="timestamp">The time; a time before the latest addition gives the rate at that addition.</param>
    /// <returns>The decayed count divided by h/ln 2.</returns>
    public readonly double RatePerSecondAt(DateTimeOffset timestamp) =>
        ValueAt(timestamp) * Math.Log(2) / TimeSpan.FromTicks(_halfLifeTicks).TotalSeconds;

    /// <summary>Merges another counter into this one, which then counts both streams.</summary>
    /// <param name="other">A counter with the same half-life.</param>
    public void Merge(in DecayedCounter other)
    {
        EnsureInitialized();
        other.EnsureInitialized();
        if (other._halfLifeTicks != _halfLifeTicks)
        {
            throw new ArgumentException($"Cannot merge a counter with half-life {other.HalfLife} into one with half-life {HalfLife}.", nameof(other));
        }

        var latest = Math.Max(_timestampTicks, other._timestampTicks);
        _value = (_value * Decay(latest - _timestampTicks)) + (other._value * Decay(latest - other._timestampTicks));
        _timestampTicks = latest;
    }

    /// <summary>Writes the counter: kind, version, half-life ticks, value, timestamp ticks.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public readonly int WriteTo(Span<byte> destination)
    {
        SketchSerialization.EnsureDestination(destination, Bytes, SketchKind.DecayedCounter);
        SketchSerialization.WritePreamble(destination, SketchKind.DecayedCounter);
        var body = destination[SketchSerialization.PreambleSize..];
        BinaryPrimitives.WriteInt64LittleEndian(body, _halfLifeTicks);
        BinaryPrimitives.WriteDoubleLittleEndian(body[8..], _value);
        BinaryPrimitives.WriteInt64LittleEndian(body[16..], _timestampTicks);
        return Bytes;
    }

    /// <summary>Writes the counter in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public readonly void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a counter written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the counter.</param>
    /// <param name="bytesRead">The bytes the counter occupied.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid counter.</exception>
    public static DecayedCounter ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        SketchSerialization.ReadPreamble(source, SketchKind.DecayedCounter);
        SketchSerialization.EnsureSource(source, Bytes, SketchKind.DecayedCounter);
        var body = source[SketchSerialization.PreambleSize..];
        var halfLifeTicks = BinaryPrimitives.ReadInt64LittleEndian(body);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(body[8..]);
        var timestampTicks = BinaryPrimitives.ReadInt64LittleEndian(body[16..]);
        if (halfLifeTicks <= 0 || !double.IsFinite(value) || value < 0 || timestampTicks < 0 || timestampTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidDataException($"DecayedCounter fields are invalid: half-life {halfLifeTicks} ticks, value {value}, time {timestampTicks} ticks.");
        }

        bytesRead = Bytes;
        return new DecayedCounter(halfLifeTicks, value, timestampTicks);
    }

    /// <summary>Reads a counter written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid counter.</exception>
    public static DecayedCounter ReadFrom(BinaryReader reader) => SketchSerialization.Read<DecayedCounter>(reader);

    static int ICheckpointable<DecayedCounter>.SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.DecayedCounter);
        return Bytes;
    }

    /// <inheritdoc />
    public readonly bool Equals(DecayedCounter other) =>
        _halfLifeTicks == other._halfLifeTicks && _value.Equals(other._value) && _timestampTicks == other._timestampTicks;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is DecayedCounter other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(_halfLifeTicks, _value, _timestampTicks);

    /// <summary>Compares two counters' state.</summary>
    /// <param name="left">The first counter.</param>
    /// <param name="right">The second counter.</param>
    /// <returns>Whether both have the same half-life, value and time.</returns>
    public static bool operator ==(DecayedCounter left, DecayedCounter right) => left.Equals(right);

    /// <summary>Compares two counters' state.</summary>
    /// <param name="left">The first counter.</param>
    /// <param name="right">The second counter.</param>
    /// <returns>Whether they differ in half-life, value or time.</returns>
    public static bool operator !=(DecayedCounter left, DecayedCounter right) => !left.Equals(right);

    private readonly double Decay(long elapsedTicks) => Math.Exp(-Math.Log(2) * elapsedTicks / _halfLifeTicks);

    private readonly void EnsureInitialized()
    {
        if (_halfLifeTicks == 0)
        {
            throw new InvalidOperationException("This DecayedCounter has no half-life; create it with new DecayedCounter(halfLife).");
        }
    }
}

using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class SketchSerializationTests
{
    [Fact]
    public void ReadFrom_SeveralSketchesInOneStream_ReadsEachInTurn()
    {
        var hll = new HyperLogLog(10);
        var summary = new SpaceSaving(8);
        var signature = new MinHashSignature(300);
        var sketch = new CountMinSketch();
        var counter = new DecayedCounter(TimeSpan.FromHours(1));
        var stats = default(RunningStats);
        for (var i = 0; i < 500; i++)
        {
            var item = SketchTestData.Item(9, i);
            hll.Add(item);
            summary.Add(item % 20);
            signature.Add(item);
            sketch.Add(item % 50);
            counter.Add(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i));
            stats.Add(i);
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            hll.WriteTo(writer);
            summary.WriteTo(writer);
            signature.WriteTo(writer);
            sketch.WriteTo(writer);
            counter.WriteTo(writer);
            stats.WriteTo(writer);
            writer.Write(1234);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        Assert.Equal(hll.Estimate(), HyperLogLog.ReadFrom(reader).Estimate());
        Assert.Equal(summary.GetTop(), SpaceSaving.ReadFrom(reader).GetTop());
        Assert.Equal(1, signature.EstimateJaccard(MinHashSignature.ReadFrom(reader)));
        Assert.Equal(sketch.Estimate(7), CountMinSketch.ReadFrom(reader).Estimate(7));
        Assert.Equal(counter, DecayedCounter.ReadFrom(reader));
        Assert.Equal(stats, RunningStats.ReadFrom(reader));
        Assert.Equal(1234, reader.ReadInt32());
    }

    [Fact]
    public void ReadFrom_OtherKindOfSketch_ThrowsInvalidData()
    {
        var bytes = new byte[new HyperLogLog().SerializedSize];
        new HyperLogLog().WriteTo(bytes);

        Assert.Throws<InvalidDataException>(() => SpaceSaving.ReadFrom(bytes, out _));
        Assert.Throws<InvalidDataException>(() => RunningStats.ReadFrom(bytes, out _));
    }

    [Fact]
    public void ReadFrom_UnknownVersion_ThrowsInvalidData()
    {
        var sketch = new MinHashSignature();
        var bytes = new byte[sketch.SerializedSize];
        sketch.WriteTo(bytes);
        bytes[1] = 99;

        Assert.Throws<InvalidDataException>(() => MinHashSignature.ReadFrom(bytes, out _));
    }

    [Fact]
    public void ReadFrom_TruncatedSpan_ThrowsInvalidData()
    {
        var sketch = new CountMinSketch();
        var bytes = new byte[sketch.SerializedSize];
        sketch.WriteTo(bytes);

        Assert.Throws<InvalidDataException>(() => CountMinSketch.ReadFrom(bytes.AsSpan(0, bytes.Length - 1), out _));
    }

    [Fact]
    public void ReadFrom_TruncatedStream_ThrowsEndOfStream()
    {
        var sketch = new HyperLogLog();
        var bytes = new byte[sketch.SerializedSize];
        sketch.WriteTo(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 1));

        Assert.Throws<EndOfStreamException>(() => HyperLogLog.ReadFrom(reader));
    }

    [Fact]
    public void WriteTo_DestinationTooSmall_Throws()
    {
        var sketch = new SpaceSaving();
        sketch.Add(1);

        Assert.Throws<ArgumentException>(() => sketch.WriteTo(new byte[sketch.SerializedSize - 1]));
    }
}

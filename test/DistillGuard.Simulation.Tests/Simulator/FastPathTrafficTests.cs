using DistillGuard.Core.Engine;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>
/// The fast path of <see cref="DgExchangeParser.TryParseWithFeatures"/> on simulated traffic of every population: it
/// reads nearly every line, and reads each exactly as the <see cref="System.Text.Json.Utf8JsonReader"/> pass does; so
/// does <see cref="DgExchangeParser.TryParseObservation"/>, the batch detection path.
/// </summary>
public sealed class FastPathTrafficTests(SmallRunFixture fixture) : IClassFixture<SmallRunFixture>
{
    [Fact]
    public void TryParseWithFeatures_SimulatedTraffic_FastPathReadsNearlyEveryLineAsTheReaderPass()
    {
        // Arrange
        var traffic = fixture.Run.Traffic;
        var fast = new DgExchangeParser(keepTexts: false);
        var reference = new DgExchangeParser(keepTexts: false) { FastPath = false };
        var observer = new DgExchangeParser(keepTexts: false);
        var lines = 0;
        var start = 0;

        for (var i = 0; i < traffic.Length; i++)
        {
            if (traffic[i] != (byte)'\n')
            {
                continue;
            }

            var line = traffic.AsSpan(start, i - start);
            start = i + 1;
            lines++;

            // Act
            Assert.True(reference.TryParseWithFeatures(line, out var expected, out var expectedFeatures, out var error), error);
            Assert.True(fast.TryParseWithFeatures(line, out var actual, out var actualFeatures, out error), error);
            Assert.True(observer.TryParseObservation(line, out var observation, out error), error);

            // Assert
            Assert.Equal(expected.Client?.Headers?.OrderBy(h => h.Key), actual.Client?.Headers?.OrderBy(h => h.Key));
            Assert.Equal(
                expected with { Client = expected.Client is null ? null : expected.Client with { Headers = null } },
                actual with { Client = actual.Client is null ? null : actual.Client with { Headers = null } });
            Assert.Equivalent(expectedFeatures, actualFeatures, strict: true);
            var expectedObservation = ExchangeObservation.Of(expected, expectedFeatures);
            Assert.Equal(expectedObservation with { Client = null }, observation with { Client = null });
            Assert.Equal(expected.Client?.Headers?.OrderBy(h => h.Key), observation.Client?.Headers?.OrderBy(h => h.Key));
            Assert.Equal(expectedObservation.Client is { } c ? c with { Headers = null } : null, observation.Client is { } o ? o with { Headers = null } : null);
        }

        Assert.True(lines > 1000, $"only {lines} lines");
        Assert.Equal(0, reference.FastPathLines);
        Assert.True(fast.FastPathLines >= 0.99 * lines, $"{fast.FastPathLines} of {lines} lines on the fast path");
        Assert.Equal(fast.FastPathLines, observer.FastPathLines);
    }
}

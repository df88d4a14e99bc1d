using System.Text;
using System.Text.Json;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Tests.Json;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20T10:00:00.1Z")]
    [InlineData("2026-11-20T10:00:00.123Z")]
    [InlineData("2026-11-20T10:00:00.1234567Z")]
    [InlineData("2026-11-20T10:00:00.123456789Z")]
    [InlineData("2026-11-20T23:59:59.999+05:30")]
    [InlineData("2026-11-20T00:00:00-08:00")]
    [InlineData("2024-02-29T12:00:00+14:00")]
    [InlineData("2026-12-31T23:59:59-12:00")]
    public void TryParseCommon_CommonShape_AgreesWithSystemTextJson(string text)
    {
        // Arrange
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{text}\""));
        reader.Read();
        Assert.True(reader.TryGetDateTimeOffset(out DateTimeOffset expected));

        // Act
        bool parsed = Timestamps.TryParseCommon(Encoding.UTF8.GetBytes(text), out DateTimeOffset actual);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Offset, actual.Offset);
    }

    [Theory]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T10:60:00Z")]
    [InlineData("2026-11-20T10:00:00")]
    [InlineData("2026-11-20T10:00:00.Z")]
    [InlineData("2026-11-20 10:00:00Z")]
    [InlineData("2026-11-20T10:00:00+0200")]
    [InlineData("2026-11-20T10:00:00+15:00")]
    [InlineData("2026-11-20T10:00:00z")]
    [InlineData("2026-1a-20T10:00:00Z")]
    public void TryParseCommon_OtherShapeOrInvalid_LeavesItToTheGeneralParser(string text)
    {
        // Act
        bool parsed = Timestamps.TryParseCommon(Encoding.UTF8.GetBytes(text), out _);

        // Assert
        Assert.False(parsed);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00Z", true)]
    [InlineData("2026-11-20T10:00:00+02:00", true)]
    [InlineData("2026-11-20T10:00:00", false)]
    [InlineData("2026-11-20", false)]
    public void TryParse_Text_RequiresAnOffset(string text, bool expected)
    {
        // Act
        bool parsed = Timestamps.TryParse(text, out _);

        // Assert
        Assert.Equal(expected, parsed);
    }
}

using System.Text;
using System.Text.Json;

namespace DistillGuard.Ingest.Tests;

public sealed class RejectWriterTests
{
    private static string Write(params RejectedLine[] rejections)
    {
        using var stream = new MemoryStream();
        using (var writer = new RejectWriter(stream, leaveOpen: true))
        {
            foreach (RejectedLine rejection in rejections)
            {
                writer.Write(rejection);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Write_Rejection_WritesLineReasonAndRaw()
    {
        // Act
        string text = Write(new RejectedLine(7, "missing required field 'account_id'", "{\"id\":\"x\"}"));

        // Assert
        Assert.Equal("{\"line\":7,\"reason\":\"missing required field 'account_id'\",\"raw\":\"{\\\"id\\\":\\\"x\\\"}\"}\n", text);
    }

    [Fact]
    public void Write_LongRaw_IsCutTo4096Characters()
    {
        // Act
        string text = Write(new RejectedLine(1, "not valid JSON", new string('a', 10_000)));

        // Assert
        using JsonDocument document = JsonDocument.Parse(text);
        Assert.Equal(4096, document.RootElement.GetProperty("raw").GetString()!.Length);
    }

    [Fact]
    public void Write_RawWithControlCharactersAndSurrogatePairAtTheCut_StaysValidJson()
    {
        // Arrange
        string raw = new string('b', 4095) + "🙂tail";

        // Act
        string text = Write(new RejectedLine(1, "r", raw), new RejectedLine(2, "r", "\u0001\t\"\\"));

        // Assert
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        Assert.Equal(new string('b', 4095), first.RootElement.GetProperty("raw").GetString());
        Assert.Equal("\u0001\t\"\\", second.RootElement.GetProperty("raw").GetString());
    }
}

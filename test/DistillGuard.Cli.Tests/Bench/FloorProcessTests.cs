using DistillGuard.Cli.Bench;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Tests.Bench;

public sealed class FloorProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Serve_RunTwiceThenExit_AnswersEachRunWithItsFigures()
    {
        // Arrange: two good lines, one bad.
        var input = Write("traffic.jsonl", "{\"id\":\"a\",\"ts\":\"2026-11-01T00:00:00Z\",\"account_id\":\"x\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n"
            + "not json\n"
            + "{\"id\":\"b\",\"ts\":\"2026-11-01T00:00:01Z\",\"account_id\":\"y\",\"request\":{\"messages\":[]}}\n");
        var answers = new StringWriter();

        // Act
        FloorProcess.Serve(new BenchSettings { Input = input, Format = InputFormat.Exchange }, new StringReader("run\nrun\nexit\nrun\n"), answers);

        // Assert: two answers (nothing after exit), each: seconds, processor seconds, parsed, failed.
        var lines = answers.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line =>
        {
            var parts = line.Split(' ');
            Assert.Equal(4, parts.Length);
            Assert.True(double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.True(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 0);
            Assert.Equal("2", parts[2]);
            Assert.Equal("1", parts[3]);
        });
    }

    [Fact]
    public void Serve_UnknownCommand_IsAUsageError()
    {
        var input = Write("traffic.jsonl", "\n");

        var error = Assert.Throws<UsageException>(() => FloorProcess.Serve(new BenchSettings { Input = input }, new StringReader("go\n"), new StringWriter()));

        Assert.Contains("unknown command 'go'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ThisBuild_RunsPassesInAnotherProcess()
    {
        var input = Write("traffic.jsonl", "{\"id\":\"a\",\"ts\":\"2026-11-01T00:00:00Z\",\"account_id\":\"x\",\"request\":{\"messages\":[]}}\n");

        using var floor = FloorProcess.Start(new BenchSettings { Input = input });
        var (elapsed, _, count) = floor.Run();
        var (_, _, again) = floor.Run();

        Assert.True(elapsed > TimeSpan.Zero);
        Assert.Equal(1, count.Parsed);
        Assert.Equal(1, again.Parsed);
    }

    [Fact]
    public void Run_ProcessFails_ThrowsWithItsError()
    {
        var missing = _folder.File("missing.jsonl");

        using var floor = FloorProcess.Start(new BenchSettings { Input = missing });
        var error = Assert.Throws<InvalidOperationException>(() => floor.Run());

        Assert.Contains("answered 'nothing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }
}

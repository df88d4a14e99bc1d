using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Labels;

namespace DistillGuard.Ingest.Tests.Labels;

public sealed class LabelsJsonTests
{
    private static readonly SubjectLabel[] SpecLabels =
    [
        new() { AccountId = "acct_7f3a", Label = "distillation", Campaign = "hydra-2" },
        new() { AccountId = "acct_router1", EndUserId = "u_55", Label = "distillation", Campaign = "laundered-1" },
        new() { AccountId = "acct_0042", Label = "benign", Population = "eval-harness" },
    ];

    private static async Task<IReadOnlyList<SubjectLabel>> ReadAsync(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await LabelsJson.ReadAsync(stream, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Write_SpecLabels_WritesOneCompactLineEachWithoutAbsentFields()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        LabelsJson.Write(stream, SpecLabels);

        // Assert
        Assert.Equal(
            """
            {"account_id":"acct_7f3a","label":"distillation","campaign":"hydra-2"}
            {"account_id":"acct_router1","end_user_id":"u_55","label":"distillation","campaign":"laundered-1"}
            {"account_id":"acct_0042","label":"benign","population":"eval-harness"}

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task ReadAsync_WrittenLabels_RoundTrip()
    {
        // Arrange
        using var stream = new MemoryStream();
        await LabelsJson.WriteAsync(stream, SpecLabels, TestContext.Current.CancellationToken);
        stream.Position = 0;

        // Act
        IReadOnlyList<SubjectLabel> labels = await LabelsJson.ReadAsync(stream, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(SpecLabels, labels);
    }

    [Fact]
    public async Task ReadAsync_SpecLinesWithSpacesBlankLinesAndBom_AreRead()
    {
        // Arrange
        string text = "\uFEFF{ \"account_id\": \"acct_7f3a\", \"label\": \"distillation\", \"campaign\": \"hydra-2\" }\r\n\r\n{ \"account_id\": \"a\", \"end_user_id\": \"\", \"label\": \"benign\" }";

        // Act
        IReadOnlyList<SubjectLabel> labels = await ReadAsync(text);

        // Assert
        Assert.Equal(2, labels.Count);
        Assert.True(labels[0].IsDistillation);
        Assert.Null(labels[1].EndUserId);
    }

    [Theory]
    [InlineData("{\"label\":\"benign\"}", "labels line 2: missing required field 'account_id'")]
    [InlineData("{\"account_id\":\"a\"}", "labels line 2: missing required field 'label'")]
    [InlineData("{\"account_id\":\"a\",\"label\":\"bad\"}", "labels line 2: field 'label': 'bad' is not 'benign' or 'distillation'")]
    [InlineData("{\"account_id\":7,\"label\":\"benign\"}", "labels line 2: field 'account_id': expected a string")]
    [InlineData("null", "labels line 2: not a JSON object")]
    public async Task ReadAsync_BadLine_ThrowsWithItsLineNumber(string badLine, string expected)
    {
        // Arrange
        string text = "{\"account_id\":\"ok\",\"label\":\"benign\"}\n" + badLine + "\n";

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => ReadAsync(text));

        // Assert
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task ReadAsync_NotJson_ThrowsWithItsLineNumber()
    {
        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => ReadAsync("\n\n{oops}\n"));

        // Assert
        Assert.StartsWith("labels line 3: not valid JSON: ", error.Message, StringComparison.Ordinal);
    }
}

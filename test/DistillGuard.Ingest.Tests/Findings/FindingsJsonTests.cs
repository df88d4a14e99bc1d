using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Findings;

namespace DistillGuard.Ingest.Tests.Findings;

public sealed class FindingsJsonTests
{
    private static FindingsDocument Document() => new()
    {
        GeneratedAt = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.FromHours(1)),
        Input = new InputSummary
        {
            Lines = 120000,
            Accepted = 119990,
            Rejected = 7,
            Duplicates = 3,
            FirstTimestamp = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            LastTimestamp = new DateTimeOffset(2026, 11, 20, 23, 59, 59, TimeSpan.Zero),
        },
        Subjects =
        [
            new SubjectFinding
            {
                AccountId = "acct_7f3a",
                Verdict = Verdict.Distillation,
                Score = 0.971234567,
                CampaignId = "cmp_0003",
                Exchanges = 4210,
                FirstFlaggedAt = new DateTimeOffset(2026, 11, 3, 4, 12, 0, 500, TimeSpan.Zero),
                ExchangesBeforeFlag = 180,
                Signals =
                [
                    new SignalResult { Name = "reasoning_elicitation", Value = 0.83333, Contribution = 0.31, Evidence = "83% of prompts ask for the full chain of reasoning, e.g. \"...\"" },
                ],
            },
            new SubjectFinding
            {
                AccountId = "acct_router1",
                EndUserId = "u_55",
                Verdict = Verdict.Benign,
                Score = 0.02,
                Exchanges = 12,
                Signals = [],
            },
        ],
        Campaigns =
        [
            new CampaignFinding
            {
                Id = "cmp_0003",
                Score = 0.98,
                Subjects = [new SubjectKey("acct_7f3a", null)],
                Links = [new CampaignLinkSummary { Kind = "payment_fingerprint", Value = "pf_91c2", Subjects = 38 }],
                Summary = "312 accounts sharing 14 payment fingerprints",
            },
        ],
    };

    private static async Task<string> WriteAsync(FindingsDocument document)
    {
        using var stream = new MemoryStream();
        await FindingsJson.WriteAsync(stream, document, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<FindingsDocument> ReadAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await FindingsJson.ReadAsync(stream, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_Document_WritesTheSpecShapeExactly()
    {
        // Act
        string json = await WriteAsync(Document());

        // Assert
        const string Expected = """
            {
              "format": "dg-findings/1",
              "generated_at": "2026-11-27T10:00:00Z",
              "input": {
                "lines": 120000,
                "accepted": 119990,
                "rejected": 7,
                "duplicates": 3,
                "first_ts": "2026-11-01T00:00:00Z",
                "last_ts": "2026-11-20T23:59:59Z"
              },
              "subjects": [
                {
                  "account_id": "acct_7f3a",
                  "end_user_id": null,
                  "verdict": "distillation",
                  "score": 0.9712,
                  "campaign_id": "cmp_0003",
                  "exchanges": 4210,
                  "first_flagged_at": "2026-11-03T04:12:00.5Z",
                  "exchanges_before_flag": 180,
                  "signals": [
                    {
                      "name": "reasoning_elicitation",
                      "value": 0.8333,
                      "contribution": 0.31,
                      "evidence": "83% of prompts ask for the full chain of reasoning, e.g. \"...\""
                    }
                  ]
                },
                {
                  "account_id": "acct_router1",
                  "end_user_id": "u_55",
                  "verdict": "benign",
                  "score": 0.02,
                  "campaign_id": null,
                  "exchanges": 12,
                  "first_flagged_at": null,
                  "exchanges_before_flag": null,
                  "signals": []
                }
              ],
              "campaigns": [
                {
                  "id": "cmp_0003",
                  "score": 0.98,
                  "subjects": [
                    {
                      "account_id": "acct_7f3a",
                      "end_user_id": null
                    }
                  ],
                  "links": [
                    {
                      "kind": "payment_fingerprint",
                      "value": "pf_91c2",
                      "subjects": 38
                    }
                  ],
                  "summary": "312 accounts sharing 14 payment fingerprints"
                }
              ]
            }

            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public async Task ReadAsync_WrittenDocument_RoundTrips()
    {
        // Arrange
        FindingsDocument original = Document();

        // Act
        FindingsDocument read = await ReadAsync(await WriteAsync(original));

        // Assert
        Assert.Equal(original.GeneratedAt, read.GeneratedAt);
        Assert.Equal(original.Input, read.Input);
        Assert.Equal(0.9712, read.Subjects[0].Score);
        Assert.Equal(original.Subjects[0] with { Score = 0.9712, Signals = read.Subjects[0].Signals }, read.Subjects[0]);
        Assert.Equal([original.Subjects[0].Signals[0] with { Value = 0.8333 }], read.Subjects[0].Signals);
        Assert.Equal(original.Subjects[1] with { Signals = read.Subjects[1].Signals }, read.Subjects[1]);
        Assert.Empty(read.Subjects[1].Signals);
        Assert.Equal(original.Campaigns[0].Subjects, read.Campaigns[0].Subjects);
        Assert.Equal(original.Campaigns[0].Links, read.Campaigns[0].Links);
        Assert.Equal(original.Campaigns[0] with { Subjects = read.Campaigns[0].Subjects, Links = read.Campaigns[0].Links }, read.Campaigns[0]);
    }

    [Fact]
    public async Task Write_Sync_WritesTheSameBytesAsWriteAsync()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        FindingsJson.Write(stream, Document());

        // Assert
        Assert.Equal(await WriteAsync(Document()), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData("""{"format":"dg-findings/2","generated_at":"2026-11-27T10:00:00Z"}""", "not a dg-findings/1 document: format is 'dg-findings/2'")]
    [InlineData("""{"generated_at":"2026-11-27T10:00:00Z"}""", "not a dg-findings/1 document: 'format' is missing")]
    [InlineData("""{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","subjects":[],"campaigns":[]}""", "findings document: 'input' is missing")]
    [InlineData("""{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00","input":{}}""", "findings document: 'generated_at' is '2026-11-27T10:00:00', not an RFC 3339 timestamp with an offset")]
    [InlineData("""{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","input":{"lines":1,"accepted":1,"rejected":0,"duplicates":0},"subjects":[{"account_id":"a","verdict":"evil","score":1,"exchanges":1,"signals":[]}],"campaigns":[]}""", "findings document: 'subjects[0].verdict' is 'evil', not benign, suspicious or distillation")]
    [InlineData("""{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","input":{"lines":1,"accepted":1,"rejected":0,"duplicates":0},"subjects":[{"account_id":"a","verdict":"benign","exchanges":1,"signals":[]}],"campaigns":[]}""", "findings document: 'subjects[0].score' is missing")]
    [InlineData("""{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","input":{"lines":1,"accepted":1,"rejected":0,"duplicates":0},"subjects":[],"campaigns":[{"id":"c","score":1,"subjects":[],"links":[{"kind":"k","value":"v"}],"summary":""}]}""", "findings document: 'campaigns[0].links[0].subjects' is missing")]
    public async Task ReadAsync_InvalidDocument_ThrowsInputExceptionNamingTheField(string json, string expected)
    {
        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => ReadAsync(json));

        // Assert
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("not json", "findings document is not valid JSON")]
    [InlineData("""{"format":"dg-findings/1","subjects":"many"}""", "findings document is not valid JSON at $.subjects (line 1): a value has the wrong type")]
    public async Task ReadAsync_NotJson_ThrowsInputException(string json, string expectedStart)
    {
        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => ReadAsync(json));

        // Assert
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NonFiniteScore_ThrowsArgumentException()
    {
        // Arrange
        FindingsDocument document = Document() with { Subjects = [Document().Subjects[1] with { Score = double.NaN }] };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(document));

        // Assert
        Assert.Contains("score of subject acct_router1", error.Message, StringComparison.Ordinal);
    }

    private static SubjectHarvest EndUserHarvest() => new()
    {
        OutputTokens = 9000,
        OutputTokensBeforeFlag = 400,
        FirstDistillationAt = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero),
        ExchangesBeforeDistillation = 9,
        OutputTokensBeforeDistillation = 1800,
        ExchangesBeforeAccountFlag = 3,
        OutputTokensBeforeAccountFlag = 600,
        ExchangesBeforeAccountDistillation = 5,
        OutputTokensBeforeAccountDistillation = 1000,
    };

    [Fact]
    public async Task WriteAsync_HarvestFields_WritesThemAfterExchangesBeforeFlagAndLeavesOutTheNullOnes()
    {
        // Arrange: an account never judged distillation, and an end user with every field.
        var document = Document() with
        {
            Subjects =
            [
                Document().Subjects[0] with { Harvest = new SubjectHarvest { OutputTokens = 120, OutputTokensBeforeFlag = 30 }, Signals = [] },
                Document().Subjects[1] with { Harvest = EndUserHarvest() },
            ],
        };

        // Act
        string json = await WriteAsync(document);

        // Assert
        Assert.Contains("""
                  "exchanges_before_flag": 180,
                  "output_tokens": 120,
                  "output_tokens_before_flag": 30,
                  "signals": []
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
        Assert.Contains("""
                  "exchanges_before_flag": null,
                  "first_distillation_at": "2026-11-04T00:00:00Z",
                  "exchanges_before_distillation": 9,
                  "output_tokens": 9000,
                  "output_tokens_before_flag": 400,
                  "output_tokens_before_distillation": 1800,
                  "exchanges_before_account_flag": 3,
                  "output_tokens_before_account_flag": 600,
                  "exchanges_before_account_distillation": 5,
                  "output_tokens_before_account_distillation": 1000,
                  "signals": []
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WrittenHarvestFields_RoundTrip()
    {
        // Arrange
        var document = Document() with
        {
            Subjects =
            [
                Document().Subjects[1] with { Harvest = EndUserHarvest() },
                Document().Subjects[1] with { EndUserId = "u_56", Harvest = new SubjectHarvest { OutputTokens = 0 } },
            ],
        };

        // Act
        FindingsDocument read = await ReadAsync(await WriteAsync(document));

        // Assert
        Assert.Equal(EndUserHarvest(), read.Subjects[0].Harvest);
        Assert.Equal(new SubjectHarvest { OutputTokens = 0 }, read.Subjects[1].Harvest);
    }

    [Fact]
    public async Task ReadAsync_DocumentWithoutHarvestFields_HasNoHarvestAndWritesBackTheSameBytes()
    {
        // Arrange: what a writer that predates the harvest fields wrote.
        string old = await WriteAsync(Document());

        // Act
        FindingsDocument read = await ReadAsync(old);

        // Assert
        Assert.All(read.Subjects, subject => Assert.Null(subject.Harvest));
        Assert.DoesNotContain("output_tokens", old, StringComparison.Ordinal);
        Assert.Equal(old, await WriteAsync(read with { GeneratedAt = Document().GeneratedAt }));
    }

    [Fact]
    public async Task ReadAsync_HarvestFieldWithoutOutputTokens_ThrowsInputExceptionNamingIt()
    {
        // Arrange
        const string Json = """{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","input":{"lines":1,"accepted":1,"rejected":0,"duplicates":0},"subjects":[{"account_id":"a","verdict":"benign","score":0,"exchanges":1,"exchanges_before_distillation":1,"signals":[]}],"campaigns":[]}""";

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => ReadAsync(Json));

        // Assert
        Assert.Equal("findings document: 'subjects[0].exchanges_before_distillation' is given without 'subjects[0].output_tokens'", error.Message);
    }

    [Fact]
    public async Task ReadAsync_UnknownFieldsBesideTheHarvestFields_AreIgnored()
    {
        // Arrange: a later writer's field that this reader does not know.
        const string Json = """{"format":"dg-findings/1","generated_at":"2026-11-27T10:00:00Z","input":{"lines":1,"accepted":1,"rejected":0,"duplicates":0},"subjects":[{"account_id":"a","verdict":"benign","score":0,"exchanges":1,"output_tokens":7,"tokens_of_the_future":3,"signals":[]}],"campaigns":[]}""";

        // Act
        FindingsDocument read = await ReadAsync(Json);

        // Assert
        Assert.Equal(new SubjectHarvest { OutputTokens = 7 }, read.Subjects[0].Harvest);
    }
}

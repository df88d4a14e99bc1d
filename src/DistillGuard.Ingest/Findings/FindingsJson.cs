using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Findings;

/// <summary>Writes and reads <c>dg-findings/1</c> documents (docs/spec/findings.md).</summary>
/// <remarks>
/// <para>
/// The document is written indented (two spaces, LF), with the spec's field names and order; <c>end_user_id</c>,
/// <c>campaign_id</c>, <c>first_flagged_at</c>, <c>exchanges_before_flag</c>, <c>first_ts</c> and <c>last_ts</c> are
/// written as <c>null</c> when absent rather than left out. The optional harvest fields of a subject
/// (<see cref="SubjectHarvest"/>: <c>first_distillation_at</c>, <c>output_tokens</c>, ...) follow
/// <c>exchanges_before_flag</c> and are left out when null, so that a document without them is read the same by
/// readers that know them and by readers that do not; <c>output_tokens</c> is written whenever they are. Scores, signal values and contributions are rounded to 4
/// decimals (half away from zero): more digits would claim a precision the calibration does not have, and fewer
/// diff lines change between runs. Timestamps are written in UTC with a <c>Z</c> and only the fractional digits
/// they have (<c>2026-11-27T10:00:00Z</c>).
/// </para>
/// <para>
/// Reading checks that <c>format</c> is <c>dg-findings/1</c> before anything else, then that every required field is
/// there, and reports the first problem as an <see cref="InputException"/> naming the field's path.
/// </para>
/// </remarks>
public static class FindingsJson
{
    private const int Decimals = 4;

    private static readonly FindingsJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JsonLinesWriter.Options.Encoder,
    });

    /// <summary>Writes a findings document to a stream.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the document is written and the stream flushed.</returns>
    /// <exception cref="ArgumentException">A score, value or contribution is not a finite number.</exception>
    public static async Task WriteAsync(Stream stream, FindingsDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        await JsonSerializer.SerializeAsync(stream, ToDto(document), Context.FindingsDocumentDto, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a findings document to a stream.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="document">The document.</param>
    /// <exception cref="ArgumentException">A score, value or contribution is not a finite number.</exception>
    public static void Write(Stream stream, FindingsDocument document)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        JsonSerializer.Serialize(stream, ToDto(document), Context.FindingsDocumentDto);
        stream.Write("\n"u8);
        stream.Flush();
    }

    /// <summary>One subject in the document's shape (an element of <c>subjects</c>), for an API that answers about one.</summary>
    /// <param name="subject">The subject's finding.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJson(SubjectFinding subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return JsonSerializer.SerializeToNode(ToDto(subject), Context.SubjectFindingDto)!.AsObject();
    }

    /// <summary>One campaign in the document's shape (an element of <c>campaigns</c>).</summary>
    /// <param name="campaign">The campaign's finding.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJson(CampaignFinding campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return JsonSerializer.SerializeToNode(ToDto(campaign), Context.CampaignFindingDto)!.AsObject();
    }

    /// <summary>Reads a findings document from a stream.</summary>
    /// <param name="stream">A readable stream; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">The stream does not hold a valid <c>dg-findings/1</c> document.</exception>
    public static async Task<FindingsDocument> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FindingsDocumentDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(stream, Context.FindingsDocumentDto, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InputException(DescribeJsonError(ex), ex);
        }

        return FromDto(dto ?? throw new InputException("not a dg-findings/1 document: the JSON value is null"));
    }

    private static string DescribeJsonError(JsonException exception)
    {
        string message = exception.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = (cut >= 0 ? message[..cut] : message).TrimEnd().TrimEnd('.');
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            message = "a value has the wrong type";
        }

        string where = exception.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        string line = exception.LineNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" (line {number + 1})") : string.Empty;
        return $"findings document is not valid JSON{where}{line}: {message}";
    }

    private static FindingsDocumentDto ToDto(FindingsDocument document) => new()
    {
        Format = FindingsDocument.FormatName,
        GeneratedAt = Timestamps.FormatCompact(document.GeneratedAt),
        Input = new InputSummaryDto
        {
            Lines = document.Input.Lines,
            Accepted = document.Input.Accepted,
            Rejected = document.Input.Rejected,
            Duplicates = document.Input.Duplicates,
            FirstTs = FormatOptional(document.Input.FirstTimestamp),
            LastTs = FormatOptional(document.Input.LastTimestamp),
        },
        Subjects = [.. document.Subjects.Select(ToDto)],
        Campaigns = [.. document.Campaigns.Select(ToDto)],
    };

    private static SubjectFindingDto ToDto(SubjectFinding subject) => new()
    {
        AccountId = subject.AccountId,
        EndUserId = subject.EndUserId,
        Verdict = VerdictName(subject.Verdict),
        Score = Round(subject.Score, $"score of subject {subject.AccountId}"),
        CampaignId = subject.CampaignId,
        Exchanges = subject.Exchanges,
        FirstFlaggedAt = FormatOptional(subject.FirstFlaggedAt),
        ExchangesBeforeFlag = subject.ExchangesBeforeFlag,
        FirstDistillationAt = FormatOptional(subject.Harvest?.FirstDistillationAt),
        ExchangesBeforeDistillation = subject.Harvest?.ExchangesBeforeDistillation,
        OutputTokens = subject.Harvest?.OutputTokens,
        OutputTokensBeforeFlag = subject.Harvest?.OutputTokensBeforeFlag,
        OutputTokensBeforeDistillation = subject.Harvest?.OutputTokensBeforeDistillation,
        ExchangesBeforeAccountFlag = subject.Harvest?.ExchangesBeforeAccountFlag,
        OutputTokensBeforeAccountFlag = subject.Harvest?.OutputTokensBeforeAccountFlag,
        ExchangesBeforeAccountDistillation = subject.Harvest?.ExchangesBeforeAccountDistillation,
        OutputTokensBeforeAccountDistillation = subject.Harvest?.OutputTokensBeforeAccountDistillation,
        Signals = [.. subject.Signals.Select(signal => new SignalResultDto
        {
            Name = signal.Name,
            Value = Round(signal.Value, $"value of signal {signal.Name}"),
            Contribution = Round(signal.Contribution, $"contribution of signal {signal.Name}"),
            Evidence = signal.Evidence,
        })],
    };

    private static CampaignFindingDto ToDto(CampaignFinding campaign) => new()
    {
        Id = campaign.Id,
        Score = Round(campaign.Score, $"score of campaign {campaign.Id}"),
        Subjects = [.. campaign.Subjects.Select(key => new SubjectKeyDto { AccountId = key.AccountId, EndUserId = key.EndUserId })],
        Links = [.. campaign.Links.Select(link => new CampaignLinkDto { Kind = link.Kind, Value = link.Value, Subjects = link.Subjects })],
        Summary = campaign.Summary,
    };

    private static FindingsDocument FromDto(FindingsDocumentDto dto)
    {
        if (dto.Format is null)
        {
            throw new InputException("not a dg-findings/1 document: 'format' is missing");
        }

        if (!string.Equals(dto.Format, FindingsDocument.FormatName, StringComparison.Ordinal))
        {
            throw new InputException($"not a dg-findings/1 document: format is {JsonErrors.Quote(dto.Format)}");
        }

        InputSummaryDto input = Require(dto.Input, "input");
        return new FindingsDocument
        {
            GeneratedAt = ParseTimestamp(dto.GeneratedAt, "generated_at") ?? throw Missing("generated_at"),
            Input = new InputSummary
            {
                Lines = Require(input.Lines, "input.lines"),
                Accepted = Require(input.Accepted, "input.accepted"),
                Rejected = Require(input.Rejected, "input.rejected"),
                Duplicates = Require(input.Duplicates, "input.duplicates"),
                FirstTimestamp = ParseTimestamp(input.FirstTs, "input.first_ts"),
                LastTimestamp = ParseTimestamp(input.LastTs, "input.last_ts"),
            },
            Subjects = [.. Require(dto.Subjects, "subjects").Select((subject, i) => ToSubject(subject, $"subjects[{i}]"))],
            Campaigns = [.. Require(dto.Campaigns, "campaigns").Select((campaign, i) => ToCampaign(campaign, $"campaigns[{i}]"))],
        };
    }

    private static SubjectFinding ToSubject(SubjectFindingDto? subject, string path)
    {
        subject = Require(subject, path);
        return new SubjectFinding
        {
            AccountId = RequireText(subject.AccountId, $"{path}.account_id"),
            EndUserId = subject.EndUserId,
            Verdict = ParseVerdict(subject.Verdict, $"{path}.verdict"),
            Score = Require(subject.Score, $"{path}.score"),
            CampaignId = subject.CampaignId,
            Exchanges = Require(subject.Exchanges, $"{path}.exchanges"),
            FirstFlaggedAt = ParseTimestamp(subject.FirstFlaggedAt, $"{path}.first_flagged_at"),
            ExchangesBeforeFlag = subject.ExchangesBeforeFlag,
            Harvest = ToHarvest(subject, path),
            Signals = [.. Require(subject.Signals, $"{path}.signals").Select((signal, i) => ToSignal(signal, $"{path}.signals[{i}]"))],
        };
    }

    // The harvest fields are optional as a whole: output_tokens, always written with them, says they are there.
    private static SubjectHarvest? ToHarvest(SubjectFindingDto subject, string path)
    {
        if (subject.OutputTokens is not { } outputTokens)
        {
            string? stray = subject.FirstDistillationAt is not null ? "first_distillation_at"
                : subject.ExchangesBeforeDistillation is not null ? "exchanges_before_distillation"
                : subject.OutputTokensBeforeFlag is not null ? "output_tokens_before_flag"
                : subject.OutputTokensBeforeDistillation is not null ? "output_tokens_before_distillation"
                : subject.ExchangesBeforeAccountFlag is not null ? "exchanges_before_account_flag"
                : subject.OutputTokensBeforeAccountFlag is not null ? "output_tokens_before_account_flag"
                : subject.ExchangesBeforeAccountDistillation is not null ? "exchanges_before_account_distillation"
                : subject.OutputTokensBeforeAccountDistillation is not null ? "output_tokens_before_account_distillation"
                : null;
            return stray is null ? null : throw new InputException($"findings document: '{path}.{stray}' is given without '{path}.output_tokens'");
        }

        return new SubjectHarvest
        {
            OutputTokens = outputTokens,
            OutputTokensBeforeFlag = subject.OutputTokensBeforeFlag,
            FirstDistillationAt = ParseTimestamp(subject.FirstDistillationAt, $"{path}.first_distillation_at"),
            ExchangesBeforeDistillation = subject.ExchangesBeforeDistillation,
            OutputTokensBeforeDistillation = subject.OutputTokensBeforeDistillation,
            ExchangesBeforeAccountFlag = subject.ExchangesBeforeAccountFlag,
            OutputTokensBeforeAccountFlag = subject.OutputTokensBeforeAccountFlag,
            ExchangesBeforeAccountDistillation = subject.ExchangesBeforeAccountDistillation,
            OutputTokensBeforeAccountDistillation = subject.OutputTokensBeforeAccountDistillation,
        };
    }

    private static SignalResult ToSignal(SignalResultDto? signal, string path)
    {
        signal = Require(signal, path);
        return new SignalResult
        {
            Name = RequireText(signal.Name, $"{path}.name"),
            Value = Require(signal.Value, $"{path}.value"),
            Contribution = Require(signal.Contribution, $"{path}.contribution"),
            Evidence = Require(signal.Evidence, $"{path}.evidence"),
        };
    }

    private static CampaignFinding ToCampaign(CampaignFindingDto? campaign, string path)
    {
        campaign = Require(campaign, path);
        return new CampaignFinding
        {
            Id = RequireText(campaign.Id, $"{path}.id"),
            Score = Require(campaign.Score, $"{path}.score"),
            Subjects = [.. Require(campaign.Subjects, $"{path}.subjects").Select((key, i) =>
            {
                key = Require(key, $"{path}.subjects[{i}]");
                return new SubjectKey(RequireText(key.AccountId, $"{path}.subjects[{i}].account_id"), key.EndUserId);
            })],
            Links = [.. Require(campaign.Links, $"{path}.links").Select((link, i) =>
            {
                link = Require(link, $"{path}.links[{i}]");
                return new CampaignLinkSummary
                {
                    Kind = RequireText(link.Kind, $"{path}.links[{i}].kind"),
                    Value = Require(link.Value, $"{path}.links[{i}].value"),
                    Subjects = Require(link.Subjects, $"{path}.links[{i}].subjects"),
                };
            })],
            Summary = Require(campaign.Summary, $"{path}.summary"),
        };
    }

    private static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Benign => "benign",
        Verdict.Suspicious => "suspicious",
        Verdict.Distillation => "distillation",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    private static Verdict ParseVerdict(string? name, string path) => name switch
    {
        "benign" => Verdict.Benign,
        "suspicious" => Verdict.Suspicious,
        "distillation" => Verdict.Distillation,
        null => throw Missing(path),
        _ => throw new InputException($"findings document: '{path}' is {JsonErrors.Quote(name)}, not benign, suspicious or distillation"),
    };

    private static double Round(double value, string what) =>
        double.IsFinite(value)
            ? Math.Round(value, Decimals, MidpointRounding.AwayFromZero)
            : throw new ArgumentException($"the {what} is not a finite number", nameof(value));

    private static string? FormatOptional(DateTimeOffset? value) => value is { } timestamp ? Timestamps.FormatCompact(timestamp) : null;

    private static DateTimeOffset? ParseTimestamp(string? text, string path) =>
        text is null ? null
        : Timestamps.TryParse(text, out DateTimeOffset value) ? value
        : throw new InputException($"findings document: '{path}' is {JsonErrors.Quote(text)}, not an RFC 3339 timestamp with an offset");

    private static T Require<T>(T? value, string path)
        where T : class => value ?? throw Missing(path);

    private static T Require<T>(T? value, string path)
        where T : struct => value ?? throw Missing(path);

    private static string RequireText(string? value, string path) =>
        string.IsNullOrEmpty(value) ? throw Missing(path) : value;

    private static InputException Missing(string path) => new($"findings document: '{path}' is missing");
}

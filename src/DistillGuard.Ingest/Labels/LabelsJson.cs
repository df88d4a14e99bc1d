using System.Globalization;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Labels;

/// <summary>
/// Writes and reads the labels file of an evaluation: JSON Lines of <c>account_id</c>, optional <c>end_user_id</c>,
/// <c>label</c> (<c>benign</c> or <c>distillation</c>), optional <c>campaign</c> and <c>population</c>
/// (docs/spec/exchange-log.md, "Labels"). Detection never reads it.
/// </summary>
/// <remarks>
/// Absent fields are left out when writing. When reading, blank lines are skipped, an empty <c>end_user_id</c>
/// counts as absent, and the first bad line stops the reading with an <see cref="InputException"/> naming its line
/// number: an evaluation against partly read labels would report wrong numbers.
/// </remarks>
public static class LabelsJson
{
    /// <summary>Writes labels, one per line.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="labels">The labels.</param>
    public static void Write(Stream stream, IEnumerable<SubjectLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(labels);
        using var writer = new JsonLinesWriter(stream, leaveOpen: true);
        foreach (SubjectLabel label in labels)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(labels));
            JsonSerializer.Serialize(writer.BeginLine(), ToDto(label), LabelsJsonContext.Default.LabelLineDto);
            writer.EndLine();
        }
    }

    /// <summary>Writes labels, one per line.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="labels">The labels.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the labels are written and the stream flushed.</returns>
    public static async Task WriteAsync(Stream stream, IEnumerable<SubjectLabel> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(labels);
        var writer = new JsonLinesWriter(stream, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (SubjectLabel label in labels)
            {
                ArgumentNullException.ThrowIfNull(label, nameof(labels));
                JsonSerializer.Serialize(writer.BeginLine(), ToDto(label), LabelsJsonContext.Default.LabelLineDto);
                writer.EndLine();
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every label of a labels file.</summary>
    /// <param name="stream">A readable stream of UTF-8 JSON Lines; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The labels, in file order.</returns>
    /// <exception cref="InputException">A line is not a valid label; the message names the line.</exception>
    public static async Task<IReadOnlyList<SubjectLabel>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var labels = new List<SubjectLabel>();
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                labels.Add(ParseLine(line, lineNumber));
            }
        }

        return labels;
    }

    private static SubjectLabel ParseLine(string line, long lineNumber)
    {
        LabelLineDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(line, LabelsJsonContext.Default.LabelLineDto);
        }
        catch (JsonException ex)
        {
            string reason = ex.Path is { Length: > 1 } path && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"field '{path.TrimStart('$', '.')}': expected a string"
                : JsonErrors.NotValidJson(ex);
            throw Bad(lineNumber, reason, ex);
        }

        if (dto is null)
        {
            throw Bad(lineNumber, "not a JSON object");
        }

        if (string.IsNullOrEmpty(dto.AccountId))
        {
            throw Bad(lineNumber, "missing required field 'account_id'");
        }

        string label = dto.Label switch
        {
            SubjectLabel.Benign => SubjectLabel.Benign,
            SubjectLabel.Distillation => SubjectLabel.Distillation,
            null or "" => throw Bad(lineNumber, "missing required field 'label'"),
            _ => throw Bad(lineNumber, $"field 'label': {JsonErrors.Quote(dto.Label)} is not '{SubjectLabel.Benign}' or '{SubjectLabel.Distillation}'"),
        };

        return new SubjectLabel
        {
            AccountId = dto.AccountId,
            EndUserId = string.IsNullOrEmpty(dto.EndUserId) ? null : dto.EndUserId,
            Label = label,
            Campaign = dto.Campaign,
            Population = dto.Population,
        };
    }

    private static LabelLineDto ToDto(SubjectLabel label) => new()
    {
        AccountId = label.AccountId,
        EndUserId = label.EndUserId,
        Label = label.Label,
        Campaign = label.Campaign,
        Population = label.Population,
    };

    private static InputException Bad(long lineNumber, string reason, Exception? cause = null)
    {
        string message = string.Create(CultureInfo.InvariantCulture, $"labels line {lineNumber}: {reason}");
        return cause is null ? new InputException(message) : new InputException(message, cause);
    }
}

using System.Globalization;
using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>The review queue's filters, order and page, read from and written back to the URL's query.</summary>
public sealed record QueueFilter
{
    /// <summary>Gets the names of the signals a filter may name.</summary>
    public static IReadOnlyList<string> SignalNames { get; } = [.. SubjectScorer.DefaultSignals.Select(s => s.Name).Order(StringComparer.Ordinal)];

    /// <summary>Gets the verdict asked for, or null for any.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Gets the least score, or null.</summary>
    public double? MinScore { get; init; }

    /// <summary>Gets the greatest score, or null.</summary>
    public double? MaxScore { get; init; }

    /// <summary>Gets a signal that must fire (value above 0), or null.</summary>
    public string? Signal { get; init; }

    /// <summary>Gets the campaign, or null.</summary>
    public string? Campaign { get; init; }

    /// <summary>Gets the case status, or null.</summary>
    public CaseStatus? Status { get; init; }

    /// <summary>Gets whether only accounts with end users behind them are shown.</summary>
    public bool HasEndUsers { get; init; }

    /// <summary>Gets the order.</summary>
    public QueueSort Sort { get; init; }

    /// <summary>Gets the page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Reads the filters; a value that does not parse is an error naming it (the page answers 400).</summary>
    /// <param name="query">The query.</param>
    /// <param name="filter">The filters read.</param>
    /// <param name="error">What is wrong, or null.</param>
    /// <returns>Whether the query was valid.</returns>
    public static bool TryParse(IQueryCollection query, out QueueFilter filter, out string? error)
    {
        filter = new QueueFilter();
        error = null;
        var verdict = Text(query, "verdict");
        if (verdict is not null)
        {
            if (!Enum.TryParse<Verdict>(verdict, ignoreCase: true, out var v) || !Enum.IsDefined(v) || int.TryParse(verdict, out _))
            {
                error = "verdict must be benign, suspicious or distillation";
                return false;
            }

            filter = filter with { Verdict = v };
        }

        if (!TryScore(query, "min", out var min, ref error) || !TryScore(query, "max", out var max, ref error))
        {
            return false;
        }

        filter = filter with { MinScore = min, MaxScore = max };
        if (Text(query, "signal") is { } signal)
        {
            if (!SignalNames.Contains(signal, StringComparer.Ordinal))
            {
                error = "signal must be one of " + string.Join(", ", SignalNames);
                return false;
            }

            filter = filter with { Signal = signal };
        }

        if (Text(query, "campaign") is { } campaign)
        {
            filter = filter with { Campaign = campaign };
        }

        if (Text(query, "status") is { } status)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
            {
                error = "status must be open, claimed or decided";
                return false;
            }

            filter = filter with { Status = s };
        }

        if (Text(query, "end_users") is { } endUsers)
        {
            if (endUsers != "1")
            {
                error = "end_users must be 1 or absent";
                return false;
            }

            filter = filter with { HasEndUsers = true };
        }

        switch (Text(query, "sort"))
        {
            case null or "score":
                break;
            case "score_asc":
                filter = filter with { Sort = QueueSort.ScoreAscending };
                break;
            case "subject":
                filter = filter with { Sort = QueueSort.Subject };
                break;
            default:
                error = "sort must be score, score_asc or subject";
                return false;
        }

        if (Text(query, "page") is { } page)
        {
            if (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 100_000)
            {
                error = "page must be a whole number from 1 to 100000";
                return false;
            }

            filter = filter with { Page = p };
        }

        return true;
    }

    /// <summary>Writes the filters back as a query string (with <c>?</c>), with another page or order if given.</summary>
    /// <param name="page">Another page, or null for this one.</param>
    /// <param name="sort">Another order, or null for this one.</param>
    /// <returns>The query string.</returns>
    public string ToQuery(int? page = null, QueueSort? sort = null)
    {
        var parts = new List<(string, string)>();
        if (Verdict is { } verdict)
        {
            parts.Add(("verdict", verdict.ToString().ToLowerInvariant()));
        }

        if (MinScore is { } min)
        {
            parts.Add(("min", min.ToString("0.###", CultureInfo.InvariantCulture)));
        }

        if (MaxScore is { } max)
        {
            parts.Add(("max", max.ToString("0.###", CultureInfo.InvariantCulture)));
        }

        if (Signal is not null)
        {
            parts.Add(("signal", Signal));
        }

        if (Campaign is not null)
        {
            parts.Add(("campaign", Campaign));
        }

        if (Status is { } status)
        {
            parts.Add(("status", status.ToString().ToLowerInvariant()));
        }

        if (HasEndUsers)
        {
            parts.Add(("end_users", "1"));
        }

        switch (sort ?? Sort)
        {
            case QueueSort.ScoreAscending:
                parts.Add(("sort", "score_asc"));
                break;
            case QueueSort.Subject:
                parts.Add(("sort", "subject"));
                break;
        }

        var p = page ?? Page;
        if (p > 1)
        {
            parts.Add(("page", p.ToString(CultureInfo.InvariantCulture)));
        }

        var query = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;

    private static bool TryScore(IQueryCollection query, string name, out double? score, ref string? error)
    {
        score = null;
        if (Text(query, name) is not { } text)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value is < 0 or > 1)
        {
            error = $"{name} must be a score between 0 and 1";
            return false;
        }

        score = value;
        return true;
    }
}

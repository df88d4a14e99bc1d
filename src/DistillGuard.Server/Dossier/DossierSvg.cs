using System.Globalization;
using System.Text;
using DistillGuard.Core.Findings;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// Draws a dossier's link graph and activity timeline as inline SVG, server-side, with fixed layouts: positions come
/// from the order of the data alone (members on an outer ring in the members table's order, shared values on an
/// inner ring in the campaign's order), coordinates are written with one decimal in the invariant culture, and
/// nothing is random or measured, so the same data draws the same picture in every rendering and in print.
/// </summary>
internal static class DossierSvg
{
    private const double GraphSize = 860;
    private const double TimelineWidth = 720;
    private const double LabelWidth = 150;
    private const double RowHeight = 16;
    private const double AxisHeight = 28;

    /// <summary>The link graph.</summary>
    public static string Graph(DossierDocument d)
    {
        var s = new StringBuilder();
        var centre = GraphSize / 2;
        var outer = (GraphSize / 2) - 170;
        var inner = d.Links.Count <= 1 ? 0 : outer * 0.42;
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(GraphSize)} {N(GraphSize)}\" role=\"img\" aria-label=\"link graph of {d.Members.Count} members and {d.Links.Count} shared values\">");
        s.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        var memberAt = d.Members.Select((_, i) => Polar(centre, outer, i, d.Members.Count)).ToList();
        var linkAt = d.Links.Select((_, i) => Polar(centre, inner, i, d.Links.Count)).ToList();
        s.Append("<g class=\"edges\" stroke=\"#8899aa\" stroke-width=\"0.8\" stroke-opacity=\"0.7\">");
        for (var i = 0; i < d.Members.Count; i++)
        {
            foreach (var l in d.Members[i].Links)
            {
                s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(memberAt[i].X)}\" y1=\"{N(memberAt[i].Y)}\" x2=\"{N(linkAt[l].X)}\" y2=\"{N(linkAt[l].Y)}\"/>");
            }
        }

        s.Append("</g><g class=\"values\">");
        for (var i = 0; i < d.Links.Count; i++)
        {
            var (x, y) = linkAt[i];
            s.Append(CultureInfo.InvariantCulture, $"<rect class=\"value-node\" x=\"{N(x - 9)}\" y=\"{N(y - 9)}\" width=\"18\" height=\"18\" fill=\"#345\" data-kind=\"{DossierHtml.E(d.Links[i].Kind)}\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y + 3.5)}\" font-size=\"9\" fill=\"#fff\" text-anchor=\"middle\">L{i + 1}</text>");
        }

        s.Append("</g><g class=\"members\">");
        var labelSize = d.Members.Count > 60 ? 6 : d.Members.Count > 30 ? 7.5 : 9;
        for (var i = 0; i < d.Members.Count; i++)
        {
            var (x, y) = memberAt[i];
            var m = d.Members[i];
            s.Append(CultureInfo.InvariantCulture, $"<circle class=\"member-node\" cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"6\" fill=\"{Colour(m.Verdict)}\" stroke=\"#222\" stroke-width=\"0.6\"><title>{DossierHtml.E(m.Subject)}</title></circle>");
            // Labels run outward along their radius, so that many members do not overprint each other; on the left
            // half they are turned half a turn more to read left to right.
            var (lx, ly) = Polar(centre, outer + 10, i, d.Members.Count);
            var degrees = (360.0 * i / d.Members.Count) - 90;
            var left = degrees > 90 && degrees < 270;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(lx)}\" y=\"{N(ly)}\" dy=\"0.35em\" font-size=\"{N(labelSize)}\" text-anchor=\"{(left ? "end" : "start")}\" transform=\"rotate({N(left ? degrees - 180 : degrees)} {N(lx)} {N(ly)})\">{i + 1} {DossierHtml.E(Shorten(m.Subject, 22))}</text>");
        }

        s.Append("</g>");
        Legend(s, 8, GraphSize - 14);
        s.Append("</svg>");
        return s.ToString();
    }

    /// <summary>The activity timeline: one row per member drawn, a cell per bucket shaded by its exchanges.</summary>
    public static string Timeline(DossierTimeline t)
    {
        var s = new StringBuilder();
        var height = AxisHeight + (t.Rows.Count * RowHeight) + 30;
        var cell = (TimelineWidth - LabelWidth - 10) / Math.Max(1, t.Buckets);
        var max = Math.Max(1, t.Rows.SelectMany(r => r.Counts).DefaultIfEmpty(0).Max());
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(TimelineWidth)} {N(height)}\" role=\"img\" aria-label=\"activity timeline of {t.Rows.Count} rows over {t.Buckets} buckets\">");
        s.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");

        // Axis: a tick at the start of each UTC day (or of every k days when there are many), labelled with the date.
        var hours = (double)t.Buckets * t.BucketHours;
        var days = hours / 24;
        var every = days <= 14 ? 1 : (int)Math.Ceiling(days / 14);
        var firstDay = new DateTimeOffset(t.Start.UtcDateTime.Date, TimeSpan.Zero);
        for (var day = firstDay; day <= t.Start.AddHours(hours); day = day.AddDays(every))
        {
            if (day < t.Start)
            {
                continue;
            }

            var x = X(t, day, cell);
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(AxisHeight - 6)}\" x2=\"{N(x)}\" y2=\"{N(AxisHeight + (t.Rows.Count * RowHeight))}\" stroke=\"#ddd\" stroke-width=\"0.6\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 2)}\" y=\"{N(AxisHeight - 9)}\" font-size=\"8\" fill=\"#444\">{day.ToString("MM-dd", CultureInfo.InvariantCulture)}</text>");
        }

        s.Append("<g class=\"rows\">");
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var row = t.Rows[r];
            var y = AxisHeight + (r * RowHeight);
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(LabelWidth - 6)}\" y=\"{N(y + 11.5)}\" font-size=\"9\" text-anchor=\"end\">{DossierHtml.E(Shorten(row.Label, 26))}</text>");
            for (var b = 0; b < row.Counts.Count; b++)
            {
                if (row.Counts[b] == 0)
                {
                    continue;
                }

                // Five fixed shades, by the cell's share of the busiest cell.
                var level = (int)Math.Ceiling(5.0 * row.Counts[b] / max);
                s.Append(CultureInfo.InvariantCulture, $"<rect class=\"cell\" x=\"{N(LabelWidth + (b * cell))}\" y=\"{N(y + 1)}\" width=\"{N(Math.Max(cell, 0.6))}\" height=\"{N(RowHeight - 2)}\" fill=\"{Shade(level)}\"><title>{row.Counts[b]}</title></rect>");
            }
        }

        s.Append("</g><g class=\"marks\">");
        foreach (var mark in t.Marks)
        {
            var x = X(t, mark.At, cell);
            if (mark.Row < 0)
            {
                s.Append(CultureInfo.InvariantCulture, $"<line class=\"audit-mark\" x1=\"{N(x)}\" y1=\"{N(AxisHeight - 4)}\" x2=\"{N(x)}\" y2=\"{N(AxisHeight + (t.Rows.Count * RowHeight))}\" stroke=\"#06c\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\"><title>{DossierHtml.E(mark.Kind)}</title></line>");
                continue;
            }

            var cy = AxisHeight + (mark.Row * RowHeight) + (RowHeight / 2);
            s.Append(mark.Kind == "distillation"
                ? string.Create(CultureInfo.InvariantCulture, $"<path class=\"distillation-mark\" d=\"M{N(x)} {N(cy - 5)} L{N(x + 4)} {N(cy)} L{N(x)} {N(cy + 5)} L{N(x - 4)} {N(cy)} Z\" fill=\"#c00\" stroke=\"#fff\" stroke-width=\"0.5\"/>")
                : string.Create(CultureInfo.InvariantCulture, $"<path class=\"flagged-mark\" d=\"M{N(x)} {N(cy - 5)} L{N(x + 4.5)} {N(cy + 4)} L{N(x - 4.5)} {N(cy + 4)} Z\" fill=\"#e80\" stroke=\"#fff\" stroke-width=\"0.5\"/>"));
        }

        s.Append("</g>");
        var legendY = AxisHeight + (t.Rows.Count * RowHeight) + 18;
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(LabelWidth)}\" y=\"{N(legendY)}\" font-size=\"8\" fill=\"#444\">bucket: {t.BucketHours} h · busiest cell: {max} exchanges · ▲ first flagged · ◆ first distillation · dashed: audit entry</text>");
        s.Append("</svg>");
        return s.ToString();
    }

    private static double X(DossierTimeline t, DateTimeOffset at, double cell) =>
        LabelWidth + ((at - t.Start).TotalHours / t.BucketHours * cell);

    private static (double X, double Y) Polar(double centre, double radius, int i, int n)
    {
        if (n == 0 || radius == 0)
        {
            return (centre, centre);
        }

        var angle = (2 * Math.PI * i / n) - (Math.PI / 2);
        return (centre + (radius * Math.Cos(angle)), centre + (radius * Math.Sin(angle)));
    }

    private static void Legend(StringBuilder s, double x, double y)
    {
        var items = new[] { (Verdict.Distillation, "distillation"), (Verdict.Suspicious, "suspicious"), (Verdict.Benign, "benign") };
        foreach (var (verdict, name) in items)
        {
            s.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + 5)}\" cy=\"{N(y - 3)}\" r=\"5\" fill=\"{Colour(verdict)}\" stroke=\"#222\" stroke-width=\"0.6\"/><text x=\"{N(x + 14)}\" y=\"{N(y)}\" font-size=\"9\">{name}</text>");
            x += 90;
        }

        s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y - 8)}\" width=\"10\" height=\"10\" fill=\"#345\"/><text x=\"{N(x + 14)}\" y=\"{N(y)}\" font-size=\"9\">shared value</text>");
    }

    private static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Distillation => "#d33",
        Verdict.Suspicious => "#f0a020",
        _ => "#8c8",
    };

    private static string Shade(int level) => level switch
    {
        <= 1 => "#c6dbef",
        2 => "#9ecae1",
        3 => "#6baed6",
        4 => "#3182bd",
        _ => "#08519c",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

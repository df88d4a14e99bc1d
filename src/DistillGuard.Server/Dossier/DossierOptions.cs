using System.Globalization;

namespace DistillGuard.Server.Dossier;

/// <summary>How the evidence dossier is made (section <c>DistillGuard:Dossier</c>), validated at start.</summary>
public sealed class DossierOptions
{
    /// <summary>Where Chromium is looked for when <see cref="ChromiumPath"/> is not set, in this order.</summary>
    public static IReadOnlyList<string> ChromiumCandidates { get; } =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"];

    /// <summary>Gets or sets the Chromium (or Chrome) executable that prints the PDF dossier.</summary>
    /// <value>
    /// Null: the first of <see cref="ChromiumCandidates"/> that exists (<c>/usr/bin/chromium</c>, Debian's
    /// <c>chromium</c> package). Without one, the HTML dossier still works and the PDF answers 503. Chromium is never
    /// downloaded.
    /// </value>
    public string? ChromiumPath { get; set; }

    /// <summary>Gets or sets how many PDFs are printed at once; further requests wait their turn.</summary>
    /// <value>2.</value>
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>Gets or sets how long one PDF may take, waiting for its turn included, before the request answers 503.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the most audit entries of the campaign and its members the dossier quotes (the newest).</summary>
    /// <value>200.</value>
    public int MaxAuditEntries { get; set; } = 200;

    /// <summary>Gets or sets the most members drawn as rows of the activity timeline (the most active; the rest are summed in one row).</summary>
    /// <value>40.</value>
    public int MaxTimelineRows { get; set; } = 40;

    /// <summary>Gets the Chromium executable to use: <see cref="ChromiumPath"/>, or the first candidate that exists; null when none does.</summary>
    internal string? ResolveChromium()
    {
        if (!string.IsNullOrWhiteSpace(ChromiumPath))
        {
            return File.Exists(ChromiumPath) ? ChromiumPath : null;
        }

        return ChromiumCandidates.FirstOrDefault(File.Exists);
    }

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxConcurrentRenders is < 1 or > 64)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Dossier:{nameof(MaxConcurrentRenders)} must be in [1, 64]; it is {MaxConcurrentRenders}"));
        }

        if (RenderTimeout < TimeSpan.FromSeconds(1) || RenderTimeout > TimeSpan.FromMinutes(30))
        {
            errors.Add($"Dossier:{nameof(RenderTimeout)} must be between one second and 30 minutes; it is {RenderTimeout}");
        }

        if (MaxAuditEntries is < 0 or > 100_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Dossier:{nameof(MaxAuditEntries)} must be in [0, 100000]; it is {MaxAuditEntries}"));
        }

        if (MaxTimelineRows is < 1 or > 500)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Dossier:{nameof(MaxTimelineRows)} must be in [1, 500]; it is {MaxTimelineRows}"));
        }

        if (ChromiumPath is { } path && (path.Length == 0 || !Path.IsPathFullyQualified(path)))
        {
            errors.Add($"Dossier:{nameof(ChromiumPath)} must be an absolute path; it is '{path}'");
        }

        return errors;
    }
}

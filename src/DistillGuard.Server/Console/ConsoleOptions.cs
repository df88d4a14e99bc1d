namespace DistillGuard.Server.AnalystConsole;

/// <summary>Options of the analyst console under <c>/console</c> (section <c>DistillGuard:Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Gets or sets how long a console session lasts after sign-in; it does not slide with use.</summary>
    /// <value>30 minutes; between 1 minute and 12 hours.</value>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how many subjects one page of the review queue shows.</summary>
    /// <value>50; between 10 and 500.</value>
    public int PageSize { get; set; } = 50;

    /// <summary>Gets or sets the longest expiry a console decision may set.</summary>
    /// <value>90 days; between 1 hour and 3650 days.</value>
    public TimeSpan MaxDecisionLifetime { get; set; } = TimeSpan.FromDays(90);

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromHours(12))
        {
            errors.Add($"Console:SessionLifetime must be between 1 minute and 12 hours; it is {SessionLifetime}");
        }

        if (PageSize is < 10 or > 500)
        {
            errors.Add($"Console:PageSize must be between 10 and 500; it is {PageSize}");
        }

        if (MaxDecisionLifetime < TimeSpan.FromHours(1) || MaxDecisionLifetime > TimeSpan.FromDays(3650))
        {
            errors.Add($"Console:MaxDecisionLifetime must be between 1 hour and 3650 days; it is {MaxDecisionLifetime}");
        }

        return errors;
    }
}

namespace DistillGuard.Simulation.Simulator;

/// <summary>Thrown when a scenario file cannot be read or does not describe a valid simulation.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ScenarioException"/> class.</summary>
    public ScenarioException()
        : this("The scenario is not valid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScenarioException"/> class.</summary>
    /// <param name="message">What is wrong, naming the file and the offending entry.</param>
    public ScenarioException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="ScenarioException"/> class.</summary>
    /// <param name="message">What is wrong, naming the file and the offending entry.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="ScenarioException"/> class.</summary>
    /// <param name="source">The file or name the scenario came from.</param>
    /// <param name="problems">Every problem found, each naming the offending entry.</param>
    public ScenarioException(string source, IReadOnlyList<string> problems)
        : base(Describe(source, problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found, each naming the offending entry (for example <c>campaigns[2] (hydra-1): accounts must not be negative</c>).</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string source, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"{source}: {problems[0]}"
            : $"{source}: {problems.Count} problems:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}";
    }
}

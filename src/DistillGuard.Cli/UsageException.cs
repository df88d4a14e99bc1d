namespace DistillGuard.Cli;

/// <summary>
/// The command line asks for something that cannot be done (an option out of range, an output folder that cannot be
/// created). Its one-line message goes to standard error and the process exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    public UsageException()
        : base("invalid usage")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    /// <param name="message">What is wrong, in one line.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    /// <param name="message">What is wrong, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

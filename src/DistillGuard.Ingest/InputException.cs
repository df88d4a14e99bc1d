namespace DistillGuard.Ingest;

/// <summary>
/// An input cannot be read at all: a missing file, a corrupt or truncated gzip stream, a findings or labels
/// document that is not what it claims to be. The message is one line meant for the person at the console,
/// for example <c>input file 'x.jsonl' not found</c>.
/// </summary>
/// <remarks>
/// A bad line in an otherwise readable input is not an exception: it is rejected with its line number and
/// reading goes on (see <see cref="RejectedLine"/>).
/// </remarks>
public sealed class InputException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InputException"/> class.</summary>
    public InputException()
        : base("the input cannot be read")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputException"/> class with a one-line message.</summary>
    /// <param name="message">What is wrong, in one line.</param>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputException"/> class with a one-line message and its cause.</summary>
    /// <param name="message">What is wrong, in one line.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

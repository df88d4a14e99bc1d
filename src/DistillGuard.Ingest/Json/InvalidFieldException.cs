namespace DistillGuard.Ingest.Json;

/// <summary>
/// A record is well-formed JSON but not a valid record of its format: a required field is missing or a field
/// has the wrong type. Thrown inside the parsers and turned into a rejection reason before it leaves them.
/// </summary>
/// <remarks>
/// The parsers throw instead of threading an error through every nested reader method: valid lines, the hot path,
/// pay nothing for it, and malformed JSON already arrives as an exception from <see cref="System.Text.Json.Utf8JsonReader"/>.
/// </remarks>
internal sealed class InvalidFieldException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidFieldException"/> class.</summary>
    public InvalidFieldException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidFieldException"/> class.</summary>
    /// <param name="message">The rejection reason.</param>
    public InvalidFieldException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidFieldException"/> class.</summary>
    /// <param name="message">The rejection reason.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a missing required field.</summary>
    /// <param name="field">The field's path, for example <c>request.model</c>.</param>
    /// <returns>The exception.</returns>
    public static InvalidFieldException Missing(string field) => new($"missing required field '{field}'");

    /// <summary>Creates the exception for a field of the wrong type.</summary>
    /// <param name="field">The field's path, for example <c>request.n</c>.</param>
    /// <param name="expected">What was expected, for example <c>an integer</c>.</param>
    /// <returns>The exception.</returns>
    public static InvalidFieldException Expected(string field, string expected) => new($"field '{field}': expected {expected}");

    /// <summary>Creates the exception for a field whose value is not acceptable.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <returns>The exception.</returns>
    public static InvalidFieldException Invalid(string field, string problem) => new($"field '{field}': {problem}");
}

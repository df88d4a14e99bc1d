namespace DistillGuard.Cli;

/// <summary>The process exit codes of <c>distillguard</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary><c>evaluate</c> (or <c>demo</c>) measured the findings below at least one bar.</summary>
    public const int FailedBar = 1;

    /// <summary>Bad usage or bad input: an unknown option, a missing file, an unreadable gzip stream, an invalid scenario.</summary>
    public const int BadInput = 2;

    /// <summary>A fault in DistillGuard itself; the message says what failed.</summary>
    public const int InternalError = 3;

    /// <summary>The command was interrupted (Ctrl+C) before it finished; 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}

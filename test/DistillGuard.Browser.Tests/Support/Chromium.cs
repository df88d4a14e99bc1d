namespace DistillGuard.Browser.Tests.Support;

/// <summary>
/// Debian's Chromium, which the tests drive through Playwright's <c>ExecutablePath</c> (never <c>playwright install</c>).
/// Without it a test is skipped on a developer's machine and fails in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it.
/// </summary>
public static class Chromium
{
    /// <summary>Where Debian installs it.</summary>
    public const string Path = "/usr/bin/chromium";

    /// <summary>Gets whether it is installed.</summary>
    public static bool Installed => File.Exists(Path);

    /// <summary>Skips (locally) or fails (in CI) the current test when Chromium is missing.</summary>
    public static void Require()
    {
        if (Installed)
        {
            return;
        }

        var message = $"{Path} is missing: install Debian's chromium (apt-get install chromium fonts-liberation fonts-dejavu-core) to run the browser tests";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}

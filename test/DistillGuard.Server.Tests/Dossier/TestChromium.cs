namespace DistillGuard.Server.Tests.Dossier;

/// <summary>
/// The system's Chromium for the tests that print PDFs: skipped where there is none, except on CI
/// (<c>CI=true</c>, which <c>.ci/run</c> installs it for), where a missing Chromium fails the test.
/// </summary>
public static class TestChromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string RequirePath()
    {
        var path = Environment.GetEnvironmentVariable("DISTILLGUARD_TEST_CHROMIUM") is { Length: > 0 } given ? given : DefaultPath;
        if (File.Exists(path))
        {
            return path;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true and no Chromium at {path}: .ci/run installs Debian's chromium (eng/install-chromium.sh)");
        }

        Assert.Skip($"no Chromium at {path} (install Debian's chromium, or set DISTILLGUARD_TEST_CHROMIUM)");
        return path;
    }

    /// <summary>The repository's <c>artifacts/screenshots</c> folder (created), found from the test's own folder.</summary>
    public static string ScreenshotFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DistillGuard.slnx")))
        {
            folder = folder.Parent;
        }

        var root = folder?.FullName ?? Path.GetTempPath();
        var screenshots = Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        return screenshots;
    }
}

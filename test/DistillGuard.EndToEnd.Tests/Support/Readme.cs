namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>The repository's README.md (copied beside the tests), read the way a user reads it: sections and their <c>sh</c> blocks.</summary>
public static class Readme
{
    /// <summary>Gets the README's text.</summary>
    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));

    /// <summary>Gets the section under <paramref name="heading"/> (a whole heading line, for example <c>### The API, with curl</c>), up to the next heading of the same or a higher level.</summary>
    public static string Section(string heading)
    {
        var lines = Text.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        Assert.True(start >= 0, $"README.md has no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var end = start + 1;
        var inBlock = false;
        for (; end < lines.Length; end++)
        {
            // A '#' line inside a code block is a shell comment, not a heading.
            if (lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (!inBlock && IsHeadingAtMost(lines[end], level))
            {
                break;
            }
        }

        return string.Join('\n', lines[(start + 1)..end]);
    }

    /// <summary>Gets the commands of the section's <c>```sh</c> blocks: continuation lines joined, blank and comment-only lines dropped.</summary>
    public static IReadOnlyList<string> ShellCommands(string section)
    {
        var commands = new List<string>();
        var inBlock = false;
        string? pending = null;
        foreach (var raw in section.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && line.Trim() == "```sh";
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            if (pending is not null)
            {
                line = pending + " " + line.TrimStart();
                pending = null;
            }

            if (line.EndsWith('\\'))
            {
                pending = line[..^1].TrimEnd();
                continue;
            }

            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                commands.Add(line.Trim());
            }
        }

        return commands;
    }

    private static bool IsHeadingAtMost(string line, int level)
    {
        var hashes = line.TakeWhile(c => c == '#').Count();
        return hashes > 0 && hashes <= level && line.Length > hashes && line[hashes] == ' ';
    }
}

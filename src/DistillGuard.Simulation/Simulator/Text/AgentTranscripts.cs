using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Coding-agent conversations: the agents' system prompts, tasks, the assistant's tool calls and the tools' results.
/// A developer's trajectory wanders (files read, tests that fail for many reasons, the developer stepping in); a
/// harvesting sandbox's never does (write the file, run the tests, all pass, in the same words every time).
/// </summary>
internal static class AgentTranscripts
{
    /// <summary>The system prompts of the open-source coding agents users run; the harvest runs the same agents.</summary>
    public static readonly IReadOnlyList<string> SystemPrompts =
    [
        "You are Forge, an autonomous coding agent running in the user's terminal. Use the provided tools to read and edit files and run commands. Make minimal, correct changes, run the tests after editing, and summarise what you changed.",
        "You are Tern, a pair-programming agent inside the user's editor. You can call tools to search the workspace, open files, apply patches and run shell commands. Prefer small diffs. Ask before deleting files.",
        "You are Patchbot, a software engineering agent. Work in the repository at the current directory using the tools available (read_file, write_file, run, search). Keep the user informed briefly and finish with a short summary.",
    ];

    /// <summary>Gets the request settings agent <paramref name="agent"/> sends (they come with the agent, whoever runs it).</summary>
    public static (double? Temperature, int? MaxTokens, int? MaxCompletionTokens, bool? Stream) Settings(int agent) => agent switch
    {
        0 => (0.0, 8192, null, true),
        1 => (null, null, 4096, true),
        _ => (0.2, 4096, null, false),
    };

    /// <summary>The languages the harvest asks for, with file extensions and test runners.</summary>
    public static readonly IReadOnlyList<(string Language, string Extension, string Runner)> Languages =
    [
        ("Python", "py", "pytest -q"), ("TypeScript", "ts", "npx vitest run"), ("JavaScript", "js", "npm test"), ("Go", "go", "go test ./..."),
        ("Rust", "rs", "cargo test"), ("Java", "java", "mvn -q test"), ("C++", "cpp", "ctest --output-on-failure"), ("C#", "cs", "dotnet test"),
    ];

    private static readonly string[] DevTasks =
    [
        "add a --dry-run flag to the sync command", "fix the failing test in tests/test_{noun}.py", "why is the build failing on CI?",
        "add pagination to the /{noun}s endpoint", "rename {Noun}Service to {Noun}Manager everywhere", "the {noun} export is slow, can you profile it",
        "write unit tests for the {noun} parser", "upgrade the http client and fix what breaks", "add retries with backoff to the {noun} fetcher",
        "we get a null {field} sometimes in prod, track it down", "add a migration for the new {field} column", "clean up the warnings in src/{noun}",
        "make the {noun} cache thread-safe", "port the {noun} script from bash to python", "add input validation to the {noun} form",
    ];

    private static readonly string[] DevInterjections =
    [
        "no, don't touch the migrations", "use the existing logger instead", "that's not the right file, it's in src/legacy", "can you keep the old function for now?",
        "tests pass locally for me, it's only CI", "stop, revert that last change", "ok looks good, also update the README", "why did you change the lockfile?",
        "use snake_case here, that's our convention", "hmm that broke the linter", "just skip that test for now", "great. commit it",
    ];

    private static readonly string[] Nouns = ["user", "order", "invoice", "report", "event", "session", "payment", "ticket", "config", "upload"];
    private static readonly string[] Fields = ["email", "total", "status", "created_at", "amount", "owner_id", "region"];

    /// <summary>Makes a developer's task in their own repository.</summary>
    public static string DevTask(SimRandom random)
    {
        var noun = random.Pick(Nouns);
        var task = random.Pick(DevTasks)
            .Replace("{noun}", noun, StringComparison.Ordinal)
            .Replace("{Noun}", Paraphraser.Capitalise(noun), StringComparison.Ordinal)
            .Replace("{field}", random.Pick(Fields), StringComparison.Ordinal);
        return EverydayForge.Casual(task, random);
    }

    /// <summary>Makes a developer's interjection between agent steps.</summary>
    public static string DevInterjection(SimRandom random) => random.Pick(DevInterjections);

    /// <summary>Makes one step of a developer's trajectory: the assistant's tool call and what the tool returned, varied as real repositories are.</summary>
    public static (ChatMessage Call, ChatMessage Result) DevStep(SimRandom random)
    {
        var noun = random.Pick(Nouns);
        var line = random.Next(12, 480).ToString(CultureInfo.InvariantCulture);
        return random.Next(7) switch
        {
            0 => (Call("read_file", $"src/{noun}/{random.Pick(["service", "handlers", "models", "utils", "api"])}.{random.Pick(["py", "ts", "go"])}"), Tool($"({random.Next(40, 900)} lines)\n{CodeForge.Question(random)}")),
            1 => (Call("search", $"{random.Pick(Fields)}"), Tool($"{random.Next(1, 30)} matches in {random.Next(1, 9)} files\nsrc/{noun}/models.py:{line}: ...")),
            2 => (Call("run", random.Pick(["pytest -q", "npm test", "go test ./...", "make lint"])), Tool(random.Chance(0.6)
                ? $"FAILED tests/test_{noun}.py::test_{random.Pick(Fields)} - AssertionError: expected {random.Next(1, 99)} got {random.Next(1, 99)}\n{random.Next(1, 5)} failed, {random.Next(10, 300)} passed in {random.Uniform(0.4, 40):0.00}s"
                : $"{random.Next(10, 300)} passed, {random.Next(0, 6)} skipped in {random.Uniform(0.4, 40):0.00}s")),
            3 => (Call("apply_patch", $"src/{noun}/service.py"), Tool(random.Chance(0.15) ? "error: patch does not apply (hunk 2 failed at line " + line + ")" : $"patched ({random.Next(1, 40)} lines changed)")),
            4 => (Call("run", "git status --short"), Tool($" M src/{noun}/service.py\n M tests/test_{noun}.py" + (random.Chance(0.4) ? "\n?? notes.txt" : string.Empty))),
            5 => (Call("run", random.Pick(["npm run build", "cargo build", "tsc --noEmit"])), Tool(random.Chance(0.5) ? $"src/{noun}/index.ts({line},{random.Next(1, 40)}): error TS2339: Property '{random.Pick(Fields)}' does not exist on type '{Paraphraser.Capitalise(noun)}'." : "Build succeeded.")),
            _ => (Call("read_file", "README.md"), Tool($"# {Paraphraser.Capitalise(noun)} service\n\nRun `make dev` to start. See docs/{noun}.md.")),
        };
    }

    /// <summary>The harvesting sandbox's trajectory for one task: write the solution, run the tests, every test passes, the same words each time.</summary>
    public static IReadOnlyList<(ChatMessage Call, ChatMessage Result)> SandboxSteps(string extension, string runner, int tests, SimRandom random)
    {
        var file = "solution." + extension;
        var steps = new List<(ChatMessage, ChatMessage)>
        {
            (Call("write_file", file), Tool($"wrote {file}")),
            (Call("run", runner), Tool(string.Create(CultureInfo.InvariantCulture, $"{tests} passed"))),
        };
        if (random.Chance(0.3))
        {
            steps.Insert(0, (Call("write_file", "test_solution." + extension), Tool("wrote test_solution." + extension)));
        }

        return steps;
    }

    private static ChatMessage Call(string tool, string argument) => new("assistant", $"[tool call] {tool}({argument})");

    private static ChatMessage Tool(string output) => new("tool", output);
}

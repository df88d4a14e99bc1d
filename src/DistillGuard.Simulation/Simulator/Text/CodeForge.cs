using System.Globalization;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Everyday programming requests of app developers and coding-assistant users: a snippet of their own code (generated
/// from templates with their own names) with a question about it.
/// </summary>
internal static class CodeForge
{
    private static readonly string[] Nouns = ["user", "order", "invoice", "item", "event", "session", "product", "ticket", "payment", "record", "message", "job"];

    private static readonly string[] Fields = ["id", "email", "total", "status", "created_at", "amount", "name", "price", "quantity", "user_id", "score"];

    private static readonly string[] PythonSnippets =
    [
        "def load_{noun}s(path):\n    with open(path) as f:\n        data = json.load(f)\n    return [{Noun}(**row) for row in data['{noun}s']]",
        "def total_{field}({noun}s):\n    total = 0\n    for {noun} in {noun}s:\n        total += {noun}['{field}']\n    return total / len({noun}s)",
        "async def fetch_{noun}(session, {noun}_id):\n    async with session.get(f\"{BASE_URL}/{noun}s/{{noun}_id}\") as resp:\n        return await resp.json()",
        "class {Noun}Cache:\n    def __init__(self):\n        self.items = {}\n\n    def get(self, key):\n        return self.items[key]\n\n    def put(self, key, value):\n        self.items[key] = value",
        "def dedupe_{noun}s(rows):\n    seen = []\n    out = []\n    for r in rows:\n        if r['{field}'] not in seen:\n            seen.append(r['{field}'])\n            out.append(r)\n    return out",
        "df = pd.read_csv('{noun}s.csv')\ndf['{field}'] = df['{field}'].fillna(0)\nresult = df.groupby('status')['{field}'].mean()\nprint(result)",
    ];

    private static readonly string[] JavaScriptSnippets =
    [
        "async function get{Noun}s() {\n  const res = await fetch('/api/{noun}s');\n  const data = res.json();\n  return data.items.map(x => x.{field});\n}",
        "const sorted = {noun}s.sort((a, b) => a.{field} > b.{field});\nconsole.log(sorted[0]);",
        "function use{Noun}(id) {\n  const [{noun}, set{Noun}] = useState(null);\n  useEffect(() => {\n    fetch(`/api/{noun}s/${id}`).then(r => r.json()).then(set{Noun});\n  });\n  return {noun};\n}",
        "app.post('/{noun}s', (req, res) => {\n  const { {field} } = req.body;\n  db.insert({ {field} });\n  res.send(200);\n});",
    ];

    private static readonly string[] GoSnippets =
    [
        "func Load{Noun}s(db *sql.DB) ([]{Noun}, error) {\n\trows, err := db.Query(\"SELECT {field} FROM {noun}s\")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar out []{Noun}\n\tfor rows.Next() {\n\t\tvar x {Noun}\n\t\trows.Scan(&x.{Field})\n\t\tout = append(out, x)\n\t}\n\treturn out, nil\n}",
        "for _, {noun} := range {noun}s {\n\tgo func() {\n\t\tprocess({noun})\n\t}()\n}",
    ];

    private static readonly string[] SqlSnippets =
    [
        "SELECT u.name, COUNT(o.id)\nFROM users u\nJOIN {noun}s o ON o.user_id = u.id\nWHERE o.{field} > 100\nGROUP BY u.name;",
        "UPDATE {noun}s SET status = 'closed' WHERE created_at < NOW() - INTERVAL '30 days';",
        "SELECT * FROM {noun}s WHERE {field} IN (SELECT {field} FROM {noun}s GROUP BY {field} HAVING COUNT(*) > 1);",
    ];

    private static readonly string[] Asks =
    [
        "Why does this throw an error?", "Can you add error handling to this?", "How can I make this faster?", "Write unit tests for this.",
        "Refactor this to be more readable.", "What's the time complexity of this?", "Is there a bug here? It returns the wrong result sometimes.",
        "Add type hints and docstrings.", "Convert this to async.", "Explain what this does line by line.", "How would you review this code?",
        "This works locally but fails in production. Any idea why?", "Can you rewrite this without the loop?",
    ];

    private static readonly string[] Errors =
    [
        "TypeError: 'NoneType' object is not subscriptable", "KeyError: '{field}'", "ZeroDivisionError: division by zero",
        "TypeError: Cannot read properties of undefined (reading 'map')", "panic: runtime error: index out of range [0] with length 0",
        "ERROR: column \"{field}\" does not exist",
    ];

    /// <summary>Makes a coding question about a generated snippet.</summary>
    public static string Question(SimRandom random)
    {
        var (language, snippets) = random.Next(10) switch
        {
            < 5 => ("python", PythonSnippets),
            < 8 => ("javascript", JavaScriptSnippets),
            8 => ("go", GoSnippets),
            _ => ("sql", SqlSnippets),
        };
        var noun = random.Pick(Nouns);
        var field = random.Pick(Fields);
        var code = Fill(random.Pick(snippets), noun, field);
        var ask = random.Pick(Asks);
        if (random.Chance(0.3))
        {
            ask = "I get this error: " + Fill(random.Pick(Errors), noun, field) + "\n" + ask;
        }

        return random.Chance(0.5)
            ? $"{ask}\n\n```{language}\n{code}\n```"
            : $"```{language}\n{code}\n```\n\n{ask}";
    }

    /// <summary>A follow-up a developer sends after a first answer.</summary>
    public static string FollowUp(SimRandom random) => random.Pick(CodingFollowUps);

    private static readonly string[] CodingFollowUps =
    [
        "That fixed it, thanks! Can you also add logging?", "Still getting the same error.", "Can you show the full file?",
        "What if the list is empty?", "Can you do it without any external libraries?", "How do I test this with pytest?",
        "Now it's slow on large inputs, any ideas?", "Can you explain why the original version failed?", "Port it to TypeScript please.",
    ];

    private static string Fill(string template, string noun, string field) =>
        template
            .Replace("{Noun}", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(noun), StringComparison.Ordinal)
            .Replace("{noun}", noun, StringComparison.Ordinal)
            .Replace("{Field}", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(field).Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("{field}", field, StringComparison.Ordinal);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Makes new distillation-style questions the way a distiller does: questions generated over a topic taxonomy,
/// benchmark word problems with fresh numbers, coding tasks framed as instructions.
/// </summary>
internal static partial class QuestionForge
{
    private static readonly string[] QuantitativePatterns =
    [
        "Derive {concept} from first principles, stating every assumption.",
        "Give a worked numerical example of {concept} and solve it completely.",
        "Prove the central result behind {concept}.",
        "Explain {concept} rigorously and show how it is applied to a concrete problem.",
        "Construct a challenging exam problem on {concept}, then solve it.",
        "What is {concept}? Give the formal statement, an intuition, and a fully worked example.",
        "Solve a non-trivial problem that requires {concept}, explaining each step.",
        "Explain where {concept} breaks down or needs extra conditions, with counterexamples.",
    ];

    private static readonly string[] GeneralPatterns =
    [
        "Explain {concept} in depth, including its origins and the main criticisms.",
        "What are the most common misconceptions about {concept}, and how would you correct them?",
        "Compare {concept} with {other} and explain when each applies.",
        "Write a detailed explanation of {concept} for a graduate student.",
        "Describe a real-world case that illustrates {concept} and analyse it.",
        "What are the open problems or debates surrounding {concept}?",
        "Summarise the key ideas of {concept} and give three non-trivial examples.",
        "How would you teach {concept} to someone new to {subtopic}? Include examples.",
    ];

    private static readonly string[] ImplementationPatterns =
    [
        "Implement {concept} in {language} with unit tests, and analyse its time and space complexity.",
        "Write a production-quality {language} implementation of {concept} and explain the design choices.",
        "Explain {concept}, then implement it in {language} and trace it on a small example.",
    ];

    private static readonly string[] Languages = ["Python", "C++", "Rust", "Go", "Java", "TypeScript"];

    private static readonly string[] HumanEvalInstructions =
    [
        "Complete the following Python function:\n\n{code}",
        "Implement the function below. Explain your approach, then give the full code.\n\n```python\n{code}\n```",
        "Write the body of this function so that it passes its docstring examples:\n\n```python\n{code}\n```",
        "Here is a function signature with its specification. Provide a correct and efficient implementation.\n\n{code}",
        "{code}\n\n# Complete the implementation above.",
        "Solve this coding problem in Python. Return the complete function.\n\n```python\n{code}\n```",
        "Finish this Python function and add a few extra test cases:\n\n{code}",
    ];

    private static readonly string[] ReframingLines =
    [
        "", "", "", "Question: ", "Problem: ", "Task: ", "Please answer the following.\n\n", "Here is a problem for you.\n\n",
    ];

    /// <summary>Makes a question about <paramref name="concept"/>; <paramref name="variant"/> picks the question pattern.</summary>
    public static HarvestItem ConceptQuestion(TopicField field, TopicSubfield subfield, string concept, int variant, SimRandom random)
    {
        var implementable = field.Name == "computer science" && subfield.Quantitative;
        string pattern;
        ContentKind kind;
        if (implementable && variant % 3 == 2)
        {
            pattern = ImplementationPatterns[variant / 3 % ImplementationPatterns.Length];
            kind = ContentKind.Code;
        }
        else if (subfield.Quantitative && variant % 2 == 0)
        {
            pattern = QuantitativePatterns[variant / 2 % QuantitativePatterns.Length];
            kind = ContentKind.Math;
        }
        else
        {
            pattern = GeneralPatterns[variant % GeneralPatterns.Length];
            kind = ContentKind.Prose;
        }

        var other = concept;
        for (var attempt = 0; attempt < 8 && other == concept && subfield.Concepts.Count > 1; attempt++)
        {
            other = random.Pick(subfield.Concepts);
        }

        var text = pattern
            .Replace("{concept}", concept, StringComparison.Ordinal)
            .Replace("{other}", other, StringComparison.Ordinal)
            .Replace("{subtopic}", subfield.Name, StringComparison.Ordinal)
            .Replace("{language}", random.Pick(Languages), StringComparison.Ordinal);
        return new HarvestItem(Capitalise(text), field.Name, subfield.Name, kind);
    }

    /// <summary>Replaces the numbers of a word problem with fresh ones of similar size, making a new problem.</summary>
    public static string PerturbNumbers(string problem, SimRandom random) =>
        NumberPattern().Replace(problem, match =>
        {
            var text = match.Value;
            if (text.Contains('.', StringComparison.Ordinal) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return text;
            }

            if (value is >= 1900 and <= 2100)
            {
                return text;
            }

            long next = value switch
            {
                <= 1 => value,
                <= 12 => random.Next(2, 13),
                _ => Math.Max(2, (long)Math.Round(value * random.Uniform(0.6, 1.6))),
            };
            if (value > 12 && value % 5 == 0)
            {
                next = Math.Max(5, next / 5 * 5);
            }

            return next.ToString(CultureInfo.InvariantCulture);
        });

    /// <summary>Frames a HumanEval signature and docstring as a coding instruction.</summary>
    public static string CodingInstruction(string code, SimRandom random) =>
        random.Pick(HumanEvalInstructions).Replace("{code}", code, StringComparison.Ordinal);

    /// <summary>Adds a light framing line in front of a question, as scripted harvesters vary their requests.</summary>
    public static string Reframe(string question, SimRandom random) => random.Pick(ReframingLines) + question;

    public static string Capitalise(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            span[0] = char.ToUpperInvariant(span[0]);
        });

    /// <summary>Fills a template's slots.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> slots)
    {
        var builder = new StringBuilder(template);
        foreach (var (name, value) in slots)
        {
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"(?<![\w/.])\d+(?:\.\d+)?(?![\w/]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

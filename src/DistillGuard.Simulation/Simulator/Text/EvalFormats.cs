namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// The standard prompt formats evaluation harnesses wrap benchmark items in: few-shot prefixes, answer cues and fixed
/// instruction templates. A harness uses one format per benchmark for all its runs.
/// </summary>
internal static class EvalFormats
{
    /// <summary>A four-shot arithmetic prefix in the usual "Question/Answer" layout (exemplars written for this simulator).</summary>
    public const string GradeSchoolFewShot =
        "Question: A baker made 48 muffins and sold 3/4 of them in the morning. How many muffins were left?\n" +
        "Answer: The baker sold 48 * 3/4 = 36 muffins. 48 - 36 = 12 muffins were left. The answer is 12.\n\n" +
        "Question: Tom reads 15 pages a day. How many days does he need to finish a 240-page book?\n" +
        "Answer: 240 / 15 = 16 days. The answer is 16.\n\n" +
        "Question: A shirt costs $25 and is on sale for 20% off. What is the sale price?\n" +
        "Answer: 20% of 25 is 5. 25 - 5 = 20. The answer is 20.\n\n" +
        "Question: There are 7 rows of chairs with 12 chairs in each row. If 9 chairs are broken, how many chairs can be used?\n" +
        "Answer: 7 * 12 = 84 chairs. 84 - 9 = 75. The answer is 75.\n\n";

    /// <summary>Fixed instruction templates for HumanEval-style code completion (slot <c>{code}</c>).</summary>
    public static readonly IReadOnlyList<string> CodeCompletionTemplates =
    [
        "{code}",
        "Complete the following Python function. Respond with the complete function only.\n\n```python\n{code}\n```",
        "Write a solution to the following problem and make sure that it passes the tests:\n```python\n{code}\n```",
    ];

    /// <summary>The answer cue of lm-evaluation-harness-style prompts.</summary>
    public static string QuestionAnswer(string question) => $"Question: {question}\nAnswer:";
}

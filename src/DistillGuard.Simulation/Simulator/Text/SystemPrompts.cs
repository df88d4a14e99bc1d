using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>System prompts of individual users and of companies' apps.</summary>
internal static class SystemPrompts
{
    public const string Helpful = "You are a helpful assistant.";

    private static readonly string[] Personal =
    [
        Helpful, Helpful, Helpful, "You are a helpful assistant. Answer concisely.", "You are a friendly tutor. Explain things simply.",
        "Answer in British English.", "You are an expert software engineer.", "Keep answers under 200 words.", "You are a helpful, witty assistant.",
        "You are my personal assistant. Be direct and practical.", "Always answer in Markdown.", "You are a patient teacher for adult learners.",
    ];

    private static readonly string[] AppTemplates =
    [
        "You are the support assistant for {company}. Answer customer questions politely and briefly. If you are not sure, offer to hand over to a human agent.",
        "You help {company}'s marketing team write product copy. Use a warm, confident tone and avoid superlatives.",
        "You are an internal knowledge assistant at {company}. Answer employees' questions. If unsure, say so.",
        "You summarise documents for {company}'s staff. Be accurate and neutral. Use bullet points.",
        "You draft replies to customer reviews on behalf of {company}. Be polite, thank the customer and address their concern.",
        "You are a writing assistant embedded in {company}'s CMS. Improve clarity and grammar without changing the meaning.",
        "You are {company}'s onboarding buddy for new employees. Be friendly and concise.",
    ];

    public static string? ForIndividual(SimRandom random) => random.Next(10) switch
    {
        < 5 => null,
        _ => random.Pick(Personal),
    };

    public static string ForApp(string company, SimRandom random) =>
        random.Pick(AppTemplates).Replace("{company}", company, StringComparison.Ordinal);
}

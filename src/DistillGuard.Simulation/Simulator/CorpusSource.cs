using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>A public prompt collection an adaptive campaign sweeps (<c>corpora</c> in the scenario file); see data/corpora/README.md.</summary>
public enum CorpusSource
{
    /// <summary>Self-Instruct seed tasks and user-oriented instructions (<c>self_instruct</c>).</summary>
    [JsonStringEnumMemberName("self_instruct")]
    SelfInstruct = 0,

    /// <summary>Arena-Hard prompts, real Chatbot Arena queries (<c>arena_hard</c>).</summary>
    [JsonStringEnumMemberName("arena_hard")]
    ArenaHard,

    /// <summary>Open-Assistant user prompts (<c>oasst</c>).</summary>
    [JsonStringEnumMemberName("oasst")]
    Oasst,

    /// <summary>HumanEval function stubs (<c>humaneval</c>).</summary>
    [JsonStringEnumMemberName("humaneval")]
    HumanEval,

    /// <summary>GSM8K word problems; once used up, the same problems with fresh numbers (<c>gsm8k</c>).</summary>
    [JsonStringEnumMemberName("gsm8k")]
    Gsm8k,

    /// <summary>MT-Bench and Vicuna-bench questions from FastChat (<c>fastchat</c>).</summary>
    [JsonStringEnumMemberName("fastchat")]
    FastChat,
}

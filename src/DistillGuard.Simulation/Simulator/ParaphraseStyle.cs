using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// How an adaptive campaign's paraphraser rewords each prompt (<c>paraphrase_styles</c> in the scenario file). Every
/// prompt is reworded on its own: the style sets the register the openings, closings and rewrites are drawn from, not
/// a fixed frame. <see cref="Formal"/>, <see cref="Learner"/>, <see cref="Embedded"/> and <see cref="Checklist"/> are
/// held out: they appear only in <c>data/scenarios/adaptive-holdout.json</c> and must never be used for tuning.
/// </summary>
public enum ParaphraseStyle
{
    /// <summary>The item nearly as written, with small edits (<c>plain</c>).</summary>
    [JsonStringEnumMemberName("plain")]
    Plain = 0,

    /// <summary>Lower case, dropped punctuation, chatty openers (<c>casual</c>).</summary>
    [JsonStringEnumMemberName("casual")]
    Casual,

    /// <summary>Requests and thanks (<c>polite</c>).</summary>
    [JsonStringEnumMemberName("polite")]
    Polite,

    /// <summary>Short imperative rewrites, no pleasantries (<c>terse</c>).</summary>
    [JsonStringEnumMemberName("terse")]
    Terse,

    /// <summary>A sentence about why the person asks, in front or behind (<c>contextual</c>).</summary>
    [JsonStringEnumMemberName("contextual")]
    Contextual,

    /// <summary>Markdown: headings, quotes, fenced blocks (<c>markdown</c>).</summary>
    [JsonStringEnumMemberName("markdown")]
    Markdown,

    /// <summary>Held out: a formal, letter-like register (<c>formal</c>).</summary>
    [JsonStringEnumMemberName("formal")]
    Formal,

    /// <summary>Held out: the phrasing of someone writing English as a second language (<c>learner</c>).</summary>
    [JsonStringEnumMemberName("learner")]
    Learner,

    /// <summary>Held out: the task sits inside a story or a disagreement the person wants settled (<c>embedded</c>).</summary>
    [JsonStringEnumMemberName("embedded")]
    Embedded,

    /// <summary>Held out: the task followed by the person's own list of requirements (<c>checklist</c>).</summary>
    [JsonStringEnumMemberName("checklist")]
    Checklist,
}

namespace DistillGuard.Core.Text;

/// <summary>The dominant writing system of a text.</summary>
public enum Script
{
    /// <summary>No letters.</summary>
    None = 0,

    /// <summary>Latin letters.</summary>
    Latin,

    /// <summary>Cyrillic letters.</summary>
    Cyrillic,

    /// <summary>Chinese characters without kana.</summary>
    Han,

    /// <summary>Japanese (kana, with or without kanji).</summary>
    Japanese,

    /// <summary>Korean Hangul.</summary>
    Hangul,

    /// <summary>Arabic letters.</summary>
    Arabic,

    /// <summary>Any other script.</summary>
    Other,
}

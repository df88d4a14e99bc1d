namespace DistillGuard.Server.AnalystConsole;

/// <summary>What a console decision applies to.</summary>
internal enum DecisionScope
{
    /// <summary>The subject itself (an account, or one end user behind it).</summary>
    Subject,

    /// <summary>The subject's account, which binds all its end users.</summary>
    Account,

    /// <summary>Every member account of the subject's campaign.</summary>
    Campaign,
}

namespace DistillGuard.Ingest;

/// <summary>The format of an input of exchanges, one record per line.</summary>
public enum InputFormat
{
    /// <summary>DistillGuard's native <c>dg-exchange/1</c> JSON Lines (docs/spec/exchange-log.md).</summary>
    Exchange = 0,

    /// <summary>LiteLLM's <c>StandardLoggingPayload</c>, one JSON object per line, as its logging callbacks write it.</summary>
    LiteLlm,
}

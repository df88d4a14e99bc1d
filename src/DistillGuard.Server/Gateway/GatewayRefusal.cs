namespace DistillGuard.Server.Gateway;

/// <summary>Why the gateway refuses a request before deciding on it, as it answers in the OpenAI error shape.</summary>
internal sealed record GatewayRefusal(int Status, string Message, string Type, string Code);

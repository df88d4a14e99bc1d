namespace DistillGuard.Core.Exchanges;

/// <summary>One message of a conversation.</summary>
/// <param name="Role">The role: <c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">The message's text; text parts joined with a newline.</param>
public sealed record ChatMessage(string Role, string Content);

using System.Runtime.InteropServices;
using DistillGuard.Core.Features;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// What feature extraction reads of a request's messages, gathered while they are parsed: the last <c>user</c>
/// message's text, the number of <c>user</c> messages, the score of the first <c>system</c> or <c>developer</c>
/// message and the hash of the last <c>tool</c> message, as <see cref="FeatureExtractor.Extract"/> would take them from the materialised messages.
/// </summary>
/// <remarks>
/// Each message's content is decoded into one buffer; when the message ends as a <c>user</c> message, that buffer
/// becomes the prompt (the two buffers swap, nothing is copied). System prompts are an application's fixed text,
/// so their scores and skeletons are cached by their text. One per parser, not thread-safe.
/// </remarks>
internal sealed class PromptCapture
{
    private const int SystemCacheBits = 8;

    private readonly Utf8ObjectCache<(double Score, ulong Hash)> _systemPrompts = new(maxLength: FeatureExtractor.SystemPromptChars * sizeof(char), sizeBits: SystemCacheBits);
    private TextBuffer _message = new();
    private TextBuffer _prompt = new();
    private bool _hasSystem;

    /// <summary>Gets the buffer the current message's content is decoded into.</summary>
    public TextBuffer Message => _message;

    /// <summary>Gets the text of the last <c>user</c> message so far (empty if none).</summary>
    public ReadOnlySpan<char> Prompt => _prompt.Span;

    /// <summary>Gets the number of <c>user</c> messages so far.</summary>
    public int UserTurns { get; private set; }

    /// <summary>Gets the score of the first <c>system</c> or <c>developer</c> message, or 0 if there is none.</summary>
    public double SystemCoercion { get; private set; }

    /// <summary>Gets <see cref="FeatureExtractor.HashToolResult"/> of the last <c>tool</c> message so far, or 0 if there is none.</summary>
    public ulong ToolResultHash { get; private set; }

    /// <summary>Gets the hash of the first <c>system</c> or <c>developer</c> message (<see cref="FeatureExtractor.HashSystemPrompt(ReadOnlySpan{char})"/>), or 0 if there is none.</summary>
    public ulong SystemHash { get; private set; }

    /// <summary>Forgets the messages read, for a new <c>messages</c> array.</summary>
    public void Reset()
    {
        _prompt.Clear();
        UserTurns = 0;
        SystemCoercion = 0;
        ToolResultHash = 0;
        SystemHash = 0;
        _hasSystem = false;
    }

    /// <summary>Starts a message: its content is empty until it is read.</summary>
    public void BeginMessage() => _message.Clear();

    /// <summary>Ends a message, with the role it ended with.</summary>
    /// <param name="role">The message's role.</param>
    public void EndMessage(string role)
    {
        if (role is "user")
        {
            UserTurns++;
            (_prompt, _message) = (_message, _prompt);
        }
        else if (role is "system" or "developer" && !_hasSystem)
        {
            _hasSystem = true;
            (SystemCoercion, SystemHash) = ReadSystemPrompt(_message.Span);
        }
        else if (role is "tool")
        {
            ToolResultHash = FeatureExtractor.HashToolResult(_message.Span);
        }
    }

    private (double Score, ulong Hash) ReadSystemPrompt(ReadOnlySpan<char> text)
    {
        // The score and the skeleton read only the first characters, so they are the key.
        var key = MemoryMarshal.AsBytes(text[..Math.Min(text.Length, FeatureExtractor.SystemPromptChars)]);
        if (_systemPrompts.TryGet(key, out var reading, out var slot))
        {
            return reading;
        }

        var hash = FeatureExtractor.HashSystemPrompt(text, out var score);
        _systemPrompts.Set(slot, key, (score, hash));
        return (score, hash);
    }
}


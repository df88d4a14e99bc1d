using DistillGuard.Core.Sketches;

namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>Turns a prompt template into the set of its word-token hashes, the input of its locality-sensitive fingerprint.</summary>
/// <remarks>
/// Words are runs of letters and digits, lower-cased, with every digit read as <c>0</c> (as the engine's tokenizer does,
/// so numbered slots do not change a template). Each distinct word is hashed with <see cref="Hashing.Hash(ReadOnlySpan{char}, long)"/>.
/// The text itself never leaves this method.
/// </remarks>
public static class TemplateTokenizer
{
    /// <summary>Gets the distinct word-token hashes of a text.</summary>
    /// <param name="text">The template or prompt text.</param>
    /// <returns>The hashes; empty when the text has no word.</returns>
    public static IReadOnlySet<ulong> TokenHashes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new HashSet<ulong>();
        Span<char> word = stackalloc char[128];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (length < word.Length)
                {
                    word[length++] = char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
                }
            }
            else if (length > 0)
            {
                hashes.Add(Hashing.Hash(word[..length]));
                length = 0;
            }
        }

        if (length > 0)
        {
            hashes.Add(Hashing.Hash(word[..length]));
        }

        return hashes;
    }
}

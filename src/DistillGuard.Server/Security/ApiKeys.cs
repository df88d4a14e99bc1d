using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Server.Security;

/// <summary>
/// API key material: generation (256 random bits), and the SHA-256 hash that is all the store keeps. A key's public id
/// is derived from its hash, so a key can be named in the audit log and the key list without being stored.
/// </summary>
/// <remarks>
/// A plain hash suffices because generated keys carry 256 bits of entropy (a guessable key such as a password would
/// need a slow hash; operators give keys through <c>DISTILLGUARD_ADMIN_KEY</c> or configuration and must make them
/// long and random: at least 24 characters are required).
/// </remarks>
internal static class ApiKeys
{
    /// <summary>The prefix of generated keys.</summary>
    public const string Prefix = "dg_";

    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 24;

    /// <summary>Generates a new key.</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return Prefix + Base64Url.EncodeToString(secret);
    }

    /// <summary>Hashes a key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Gets the public id of a key from its hash.</summary>
    public static string IdOf(ReadOnlySpan<byte> hash) => "key_" + Convert.ToHexStringLower(hash[..6]);
}

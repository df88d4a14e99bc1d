using System.Security.Cryptography;

namespace DistillGuard.Sharing.Stix;

/// <summary>Makes random (UUIDv4) ids for STIX domain and relationship objects and bundles.</summary>
/// <remarks>
/// Production uses <see cref="CreateCryptographic"/>, so that ids from different producers do not collide; tests pass a
/// seeded <see cref="Random"/> and get the same ids on every run. Thread-safe.
/// </remarks>
public sealed class StixIdGenerator
{
    private readonly Random? _random;
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="StixIdGenerator"/> class that takes its bytes from a caller's source.</summary>
    /// <param name="random">The source of random bytes, for example a seeded <see cref="Random"/> in tests.</param>
    public StixIdGenerator(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    private StixIdGenerator()
    {
    }

    /// <summary>Creates a generator that takes its bytes from the operating system's cryptographic generator.</summary>
    /// <returns>The generator.</returns>
    public static StixIdGenerator CreateCryptographic() => new();

    /// <summary>Makes a new id.</summary>
    /// <param name="type">The object type, for example <c>campaign</c>.</param>
    /// <returns><c>type--UUIDv4</c>.</returns>
    public string NewId(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        Span<byte> bytes = stackalloc byte[16];
        if (_random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            lock (_lock)
            {
                _random.NextBytes(bytes);
            }
        }

        return StixIdentifier.Create(type, StixIdentifier.FromRandomBytes(bytes));
    }
}

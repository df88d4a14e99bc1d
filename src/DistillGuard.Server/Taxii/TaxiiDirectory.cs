using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Taxii;

/// <summary>The configured API roots, collections and peers, indexed for the requests.</summary>
internal sealed class TaxiiDirectory
{
    private readonly FrozenDictionary<string, TaxiiApiRootOptions> _roots;
    private readonly FrozenDictionary<string, TaxiiCollectionEntry> _collections;
    private readonly FrozenDictionary<string, TaxiiPeer> _peersByName;
    private readonly FrozenDictionary<string, (TaxiiPeer Peer, byte[] Hash)> _basic;
    private readonly FrozenDictionary<string, TaxiiPeer> _bearer;

    public TaxiiDirectory(IOptions<TaxiiOptions> options)
    {
        Options = options.Value;
        _roots = Options.ApiRoots.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _collections = Options.Collections.ToFrozenDictionary(c => CanonicalId(c.Id), c => new TaxiiCollectionEntry(CanonicalId(c.Id), _roots[c.ApiRoot], c), StringComparer.Ordinal);
        var peers = Options.Peers.Select(p => (Options: p, Peer: new TaxiiPeer(
            p.Name,
            p.MaxTlp,
            p.Grants.ToFrozenDictionary(g => CanonicalId(g.Collection), StringComparer.Ordinal)))).ToList();
        _peersByName = peers.ToFrozenDictionary(p => p.Peer.Name, p => p.Peer, StringComparer.Ordinal);
        _basic = peers
            .SelectMany(p => p.Options.Credentials.Where(c => c.Kind == TaxiiCredentialKind.Basic).Select(c => (c.Username!, (p.Peer, Convert.FromHexString(c.Sha256)))))
            .ToFrozenDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal);
        _bearer = peers
            .SelectMany(p => p.Options.Credentials.Where(c => c.Kind == TaxiiCredentialKind.Bearer).Select(c => (Hash: Convert.ToHexStringLower(Convert.FromHexString(c.Sha256)), p.Peer)))
            .ToFrozenDictionary(e => e.Hash, e => e.Peer, StringComparer.Ordinal);
    }

    public TaxiiOptions Options { get; }

    /// <summary>Gets the API roots in configuration order.</summary>
    public IReadOnlyList<TaxiiApiRootOptions> ApiRoots => Options.ApiRoots;

    /// <summary>Gets the canonical (lower-case, hyphenated) form of a collection id.</summary>
    public static string CanonicalId(Guid id) => id.ToString("D");

    public TaxiiApiRootOptions? FindApiRoot(string name) => _roots.GetValueOrDefault(name);

    /// <summary>Finds a collection of an API root by the id in a request path (any GUID spelling), or null.</summary>
    public TaxiiCollectionEntry? FindCollection(string apiRoot, string id) =>
        Guid.TryParse(id, out var guid) && _collections.GetValueOrDefault(CanonicalId(guid)) is { } entry && entry.ApiRoot.Name == apiRoot
            ? entry
            : null;

    /// <summary>Gets the collections of an API root in configuration order.</summary>
    public IEnumerable<TaxiiCollectionEntry> CollectionsOf(string apiRoot) =>
        Options.Collections.Where(c => c.ApiRoot == apiRoot).Select(c => _collections[CanonicalId(c.Id)]);

    public TaxiiPeer? FindPeer(string name) => _peersByName.GetValueOrDefault(name);

    /// <summary>Finds the peer a Basic username and password belong to, comparing password hashes in constant time.</summary>
    public TaxiiPeer? FindBasic(string username, string password)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (!_basic.TryGetValue(username, out var entry))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(presented, entry.Hash) ? entry.Peer : null;
    }

    /// <summary>Finds the peer a Bearer token belongs to, by the token's hash.</summary>
    public TaxiiPeer? FindBearer(string token) =>
        _bearer.GetValueOrDefault(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));

    /// <summary>Whether a peer may see an API root: it has a grant on one of its collections.</summary>
    public bool CanSee(TaxiiPeer peer, string apiRoot) => CollectionsOf(apiRoot).Any(c => peer.GrantOn(c.Id) is not null);
}

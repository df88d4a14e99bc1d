using DistillGuard.Sharing.Stix;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The TAXII 2.1 server (section <c>DistillGuard:Taxii</c>): its API roots, collections and peers, validated at start.
/// </summary>
public sealed class TaxiiOptions
{
    /// <summary>Gets or sets the server's title, in the discovery resource.</summary>
    /// <value><c>DistillGuard TAXII 2.1</c>.</value>
    public string Title { get; set; } = "DistillGuard TAXII 2.1";

    /// <summary>Gets or sets the server's description, in the discovery resource, or null.</summary>
    /// <value>Null.</value>
    public string? Description { get; set; }

    /// <summary>Gets or sets the contact for the server, in the discovery resource, or null.</summary>
    /// <value>Null.</value>
    public string? Contact { get; set; }

    /// <summary>Gets or sets the name of the default API root, or null.</summary>
    /// <value>Null.</value>
    public string? DefaultApiRoot { get; set; }

    /// <summary>Gets or sets the most objects (or manifest entries, or versions) on one page; a larger <c>limit</c> is cut to it.</summary>
    /// <value>100. In [1, 10,000].</value>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Gets or sets the TLP level of a received object that carries no TLP marking.</summary>
    /// <value><see cref="TrafficLightProtocol.Amber"/>: unmarked information is not assumed to be shareable.</value>
    public TrafficLightProtocol UnmarkedTlp { get; set; } = TrafficLightProtocol.Amber;

    /// <summary>Gets or sets the API roots.</summary>
    /// <value>Empty.</value>
    public List<TaxiiApiRootOptions> ApiRoots { get; set; } = [];

    /// <summary>Gets or sets the collections.</summary>
    /// <value>Empty.</value>
    public List<TaxiiCollectionOptions> Collections { get; set; } = [];

    /// <summary>Gets or sets the peers.</summary>
    /// <value>Empty: every request gets 401.</value>
    public List<TaxiiPeerOptions> Peers { get; set; } = [];

    /// <summary>Checks the options, and returns every problem found (empty when they are valid).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors.Add("Taxii:Title must not be empty");
        }

        if (MaxPageSize is < 1 or > 10_000)
        {
            errors.Add($"Taxii:MaxPageSize must be in [1, 10000]; it is {MaxPageSize}");
        }

        if (!Enum.IsDefined(UnmarkedTlp))
        {
            errors.Add($"Taxii:UnmarkedTlp: unknown level {UnmarkedTlp}");
        }

        var roots = ValidateApiRoots(errors);
        if (DefaultApiRoot is { } defaultRoot && !roots.Contains(defaultRoot))
        {
            errors.Add($"Taxii:DefaultApiRoot '{defaultRoot}' is not a configured API root");
        }

        var collections = ValidateCollections(errors, roots);
        ValidatePeers(errors, collections);
        return errors;
    }

    private static bool IsPathSegment(string name) =>
        name.Length is > 0 and <= 64
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private HashSet<string> ValidateApiRoots(List<string> errors)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ApiRoots.Count; i++)
        {
            var root = ApiRoots[i];
            if (!IsPathSegment(root.Name))
            {
                errors.Add($"Taxii:ApiRoots:{i}: Name '{root.Name}' must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
            }
            else if (!roots.Add(root.Name))
            {
                errors.Add($"Taxii:ApiRoots:{i}: Name '{root.Name}' is used twice");
            }

            if (string.IsNullOrWhiteSpace(root.Title))
            {
                errors.Add($"Taxii:ApiRoots:{i} has no Title");
            }

            if (root.MaxContentLength < 1024)
            {
                errors.Add($"Taxii:ApiRoots:{i}: MaxContentLength must be at least 1024; it is {root.MaxContentLength}");
            }
        }

        return roots;
    }

    private HashSet<Guid> ValidateCollections(List<string> errors, HashSet<string> roots)
    {
        var collections = new HashSet<Guid>();
        for (var i = 0; i < Collections.Count; i++)
        {
            var collection = Collections[i];
            if (collection.Id == Guid.Empty)
            {
                errors.Add($"Taxii:Collections:{i} has no Id");
            }
            else if (!collections.Add(collection.Id))
            {
                errors.Add($"Taxii:Collections:{i}: Id {collection.Id} is used twice");
            }

            if (!roots.Contains(collection.ApiRoot))
            {
                errors.Add($"Taxii:Collections:{i}: ApiRoot '{collection.ApiRoot}' is not a configured API root");
            }

            if (string.IsNullOrWhiteSpace(collection.Title))
            {
                errors.Add($"Taxii:Collections:{i} has no Title");
            }
        }

        return collections;
    }

    private void ValidatePeers(List<string> errors, HashSet<Guid> collections)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var usernames = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Peers.Count; i++)
        {
            var peer = Peers[i];
            if (string.IsNullOrWhiteSpace(peer.Name))
            {
                errors.Add($"Taxii:Peers:{i} has no Name");
            }
            else if (!names.Add(peer.Name))
            {
                errors.Add($"Taxii:Peers:{i}: Name '{peer.Name}' is used twice");
            }

            if (!Enum.IsDefined(peer.MaxTlp))
            {
                errors.Add($"Taxii:Peers:{i}: unknown MaxTlp {peer.MaxTlp}");
            }
            else if (peer.MaxTlp == TrafficLightProtocol.Red)
            {
                errors.Add($"Taxii:Peers:{i}: MaxTlp Red is not allowed: TLP:RED is never served to peers");
            }

            if (peer.Credentials.Count == 0)
            {
                errors.Add($"Taxii:Peers:{i} has no Credentials");
            }

            for (var j = 0; j < peer.Credentials.Count; j++)
            {
                ValidateCredential(errors, $"Taxii:Peers:{i}:Credentials:{j}", peer.Credentials[j], usernames, tokens);
            }

            var granted = new HashSet<Guid>();
            for (var j = 0; j < peer.Grants.Count; j++)
            {
                var grant = peer.Grants[j];
                if (!collections.Contains(grant.Collection))
                {
                    errors.Add($"Taxii:Peers:{i}:Grants:{j}: Collection {grant.Collection} is not a configured collection");
                }
                else if (!granted.Add(grant.Collection))
                {
                    errors.Add($"Taxii:Peers:{i}:Grants:{j}: Collection {grant.Collection} is granted twice");
                }
            }
        }
    }

    private static void ValidateCredential(List<string> errors, string path, TaxiiCredentialOptions credential, HashSet<string> usernames, HashSet<string> tokens)
    {
        if (credential.Sha256.Length != 64 || !credential.Sha256.All(char.IsAsciiHexDigit))
        {
            errors.Add($"{path}: Sha256 must be 64 hexadecimal digits");
        }

        switch (credential.Kind)
        {
            case TaxiiCredentialKind.Basic:
                if (string.IsNullOrEmpty(credential.Username) || credential.Username.Contains(':', StringComparison.Ordinal))
                {
                    errors.Add($"{path}: Basic credentials need a Username without ':'");
                }
                else if (!usernames.Add(credential.Username))
                {
                    errors.Add($"{path}: Username '{credential.Username}' is used twice");
                }

                break;
            case TaxiiCredentialKind.Bearer:
                if (credential.Username is not null)
                {
                    errors.Add($"{path}: Bearer credentials have no Username");
                }
                else if (!tokens.Add(credential.Sha256))
                {
                    errors.Add($"{path}: the same Bearer token is configured twice");
                }

                break;
            default:
                errors.Add($"{path}: unknown Kind {credential.Kind}");
                break;
        }
    }
}

using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Linking;

/// <summary>One attribute value and the accounts that share it.</summary>
internal sealed class LinkValue(LinkKind kind, string value)
{
    /// <summary>The precision of <see cref="Payments"/>.</summary>
    public const int PaymentsPrecision = 5;

    /// <summary>Gets the kind of attribute.</summary>
    public LinkKind Kind { get; } = kind;

    /// <summary>Gets the value.</summary>
    public string Value { get; } = value;

    /// <summary>Gets the accounts that share it (at most <see cref="LinkIndex.MaxAccountsPerValue"/>).</summary>
    public List<int> Accounts { get; } = [];

    /// <summary>Gets the distinct payment methods of those accounts.</summary>
    public HyperLogLog Payments { get; init; } = new(PaymentsPrecision);

    /// <summary>Gets the value's position in <see cref="LinkIndex"/>'s enumeration order (see its remarks).</summary>
    public int Slot { get; init; }

    /// <summary>Gets or sets whether this weak value currently ties its accounts.</summary>
    public bool Linking { get; set; }

    /// <summary>Gets or sets whether this weak value waits to be decided at the next tick.</summary>
    public bool Pending { get; set; }

    /// <summary>Gets or sets whether this weak value was found common and links no more.</summary>
    public bool Common { get; set; }

    /// <summary>Gets or sets whether this weak value, being rare, tied some of its accounts (<see cref="LinkIndex"/>'s remarks).</summary>
    public bool RareLinked { get; set; }

    /// <summary>Gets whether this value ties accounts: strong kinds always, weak kinds while they link or once they tied by rarity.</summary>
    public bool Ties => IsStrong(Kind) || Linking || RareLinked;

    /// <summary>Gets whether a kind ties the accounts that share it as soon as they do.</summary>
    public static bool IsStrong(LinkKind kind) => kind is LinkKind.PaymentFingerprint or LinkKind.ProxyAddress or LinkKind.NearDuplicatePrompts or LinkKind.SignupCohort;

    /// <summary>Gets how much sharing this value ties two accounts, for a member's tie to its campaign.</summary>
    public double TieWeight => Kind switch
    {
        LinkKind.PaymentFingerprint => 1.0,
        LinkKind.ProxyAddress => 0.25,
        LinkKind.PromptTemplate => 0.5,
        LinkKind.NearDuplicatePrompts => 0.5,
        LinkKind.SignupCohort => 1.0,
        LinkKind.ClientFingerprint => 0.4,
        LinkKind.EmailDomain => 0.4,
        _ => 0.3,
    };
}

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The Traffic Light Protocol 2.0 levels, from the least to the most restricted; the values are the ranks the store
/// compares and are stable.
/// </summary>
public enum TaxiiTlp
{
    /// <summary>TLP:CLEAR (TLP 1.0's WHITE): no limit on disclosure.</summary>
    Clear = 0,

    /// <summary>TLP:GREEN: the recipient's community.</summary>
    Green = 1,

    /// <summary>TLP:AMBER: the recipient's organisation and its clients.</summary>
    Amber = 2,

    /// <summary>TLP:AMBER+STRICT: the recipient's organisation only.</summary>
    AmberStrict = 3,

    /// <summary>TLP:RED: the named recipients only; never served to a peer.</summary>
    Red = 4,
}

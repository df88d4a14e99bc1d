namespace DistillGuard.Sharing.Stix;

/// <summary>A Traffic Light Protocol 2.0 level (FIRST, 2022), from the least to the most restricted.</summary>
public enum TrafficLightProtocol
{
    /// <summary><c>TLP:CLEAR</c>: may be shared without restriction.</summary>
    Clear = 0,

    /// <summary><c>TLP:GREEN</c>: within the community.</summary>
    Green = 1,

    /// <summary><c>TLP:AMBER</c>: within the recipient's organisation and its clients, on a need-to-know basis.</summary>
    Amber = 2,

    /// <summary><c>TLP:AMBER+STRICT</c>: within the recipient's organisation only.</summary>
    AmberStrict = 3,

    /// <summary><c>TLP:RED</c>: for the named recipients only; DistillGuard never exports it.</summary>
    Red = 4,
}

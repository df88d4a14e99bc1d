namespace DistillGuard.Core.Signals;

/// <summary>What a signal needs to know besides the state it measures.</summary>
/// <param name="IsCampaign">The state is a campaign's merged state rather than one subject's.</param>
/// <param name="IsMultiTenant">The state is an account that serves many end users (a router or an app).</param>
public readonly record struct SignalContext(bool IsCampaign, bool IsMultiTenant);

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>A country as the simulator uses it: time zone, languages, access networks and popular e-mail providers.</summary>
/// <param name="Code">ISO 3166-1 alpha-2.</param>
/// <param name="UtcOffsetHours">A representative UTC offset (daylight saving is ignored).</param>
/// <param name="Language">The language local users write in when they do not write English.</param>
/// <param name="Residential">Broadband ISPs.</param>
/// <param name="Mobile">Mobile carriers.</param>
/// <param name="EmailDomains">Local consumer e-mail domains, used beside the global ones.</param>
internal sealed record CountryProfile(
    string Code,
    double UtcOffsetHours,
    string Language,
    IReadOnlyList<Isp> Residential,
    IReadOnlyList<Isp> Mobile,
    IReadOnlyList<string> EmailDomains);

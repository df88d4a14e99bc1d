using DistillGuard.Server.AnalystConsole;
using DistillGuard.Server.Dossier;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Gateway;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Policies;
using DistillGuard.Server.Sharing;
using DistillGuard.Server.Taxii;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// The service's configuration (section <c>DistillGuard</c>, and the policies file when one is given), checked as one
/// at start: every unknown section or setting and every value that does not convert (<see cref="ConfigurationChecker"/>),
/// then each section's own <c>Validate()</c>. All problems come back in one <see cref="OptionsValidationException"/>, one
/// line each, so a start with two mistakes names both.
/// </summary>
/// <remarks>
/// Each options type is bound by a <see cref="CheckedBinding{TOptions}"/>, which binds only a section that passed the
/// check, so binding never throws (a conversion error would otherwise surface at whatever moment the options are first
/// read, as an exception that is not a validation failure). Every options type's validator answers the check of the
/// whole: the host builds its hosted services (and Kestrel, whose limits read <see cref="ServerOptions"/>) before it
/// runs the validations registered with <c>ValidateOnStart</c>, so whichever options are read first must already fail
/// with every problem, in one exception, and no constructor ever sees invalid options.
/// </remarks>
internal sealed class DistillGuardConfiguration
{
    /// <summary>The name of the service's configuration section.</summary>
    public const string SectionName = "DistillGuard";

    private readonly IConfiguration _section;
    private readonly IConfiguration _policies;
    private readonly Lazy<IReadOnlyList<string>> _problems;

    /// <summary>Initializes a new instance of the <see cref="DistillGuardConfiguration"/> class.</summary>
    /// <param name="section">The <c>DistillGuard</c> section.</param>
    /// <param name="policies">Where the policy is read: the policies file's root, or the <c>Policies</c> section.</param>
    public DistillGuardConfiguration(IConfiguration section, IConfiguration policies)
    {
        _section = section;
        _policies = policies;
        _problems = new Lazy<IReadOnlyList<string>>(Validate);
    }

    /// <summary>Gets the sections the service reads under <c>DistillGuard</c>.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = ["Server", "Policies", "Engine", "Ingest", "Gateway", "Taxii", "Sharing", "Dossier", "Console"];

    /// <summary>Registers the checked binding of every section and the check at start.</summary>
    /// <param name="services">The services; call after every other registration of these options (it replaces their binding).</param>
    public void AddTo(IServiceCollection services)
    {
        Bind<ServerOptions>(services, "Server");
        Bind<PolicyOptions>(services, "Policies");
        Bind<EngineHostOptions>(services, "Engine");
        Bind<IngestOptions>(services, "Ingest");
        Bind<GatewayOptions>(services, "Gateway");
        Bind<TaxiiOptions>(services, "Taxii");
        Bind<SharingOptions>(services, "Sharing");
        Bind<DossierOptions>(services, "Dossier");
        Bind<ConsoleOptions>(services, "Console");
        services.AddSingleton(this);
        services.AddOptions<Checked>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<Checked>>(new OptionsValidator<Checked>(_ => _problems.Value));
    }

    /// <summary>Checks the whole configuration; returns every problem found (empty when it is valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(ConfigurationChecker.CheckSectionNames(_section, SectionName, SectionNames));
        Check<ServerOptions>("Server", errors, o => o.Validate());
        Check<PolicyOptions>("Policies", errors, o => o.Validate());
        Check<EngineHostOptions>("Engine", errors, o => o.Validate());
        Check<IngestOptions>("Ingest", errors, o => o.Validate());
        Check<GatewayOptions>("Gateway", errors, o => o.Validate());
        Check<DossierOptions>("Dossier", errors, o => o.Validate());
        Check<ConsoleOptions>("Console", errors, o => o.Validate());
        var taxii = Check<TaxiiOptions>("Taxii", errors, o => o.Validate());

        // Sharing's local collection must be one of the TAXII server's: only checked against a TAXII section that read.
        Check<SharingOptions>("Sharing", errors, o => taxii is null ? [] : o.Validate([.. taxii.Collections.Select(c => c.Id)]));
        return errors;
    }

    /// <summary>Throws the check's problems, all in one <see cref="OptionsValidationException"/>, if there are any.</summary>
    public void EnsureValid()
    {
        if (_problems.Value.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(Checked), _problems.Value);
        }
    }

    /// <summary>Binds a section into new options without validating them (the defaults where the section has problems).</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="name">The section's name under <c>DistillGuard</c>.</param>
    public TOptions Unvalidated<TOptions>(string name)
        where TOptions : class, new()
    {
        var options = new TOptions();
        new CheckedBinding<TOptions>(Node(name), PathOf(name)).Configure(options);
        return options;
    }

    private IConfiguration Node(string name) => name == "Policies" ? _policies : _section.GetSection(name);

    private static string PathOf(string name) => SectionName + ":" + name;

    private void Bind<TOptions>(IServiceCollection services, string name)
        where TOptions : class
    {
        // The section's own binding and validator (if registered with it) are replaced by the checked binding and the
        // check of the whole.
        services.RemoveAll<IConfigureOptions<TOptions>>();
        services.RemoveAll<IValidateOptions<TOptions>>();
        services.AddOptions<TOptions>();
        services.AddSingleton<IConfigureOptions<TOptions>>(new CheckedBinding<TOptions>(Node(name), PathOf(name)));
        services.AddSingleton<IValidateOptions<TOptions>>(new OptionsValidator<TOptions>(_ => _problems.Value));
    }

    private TOptions? Check<TOptions>(string name, List<string> errors, Func<TOptions, IReadOnlyList<string>> validate)
        where TOptions : class, new()
    {
        var node = Node(name);
        var problems = ConfigurationChecker.Check(node, PathOf(name), typeof(TOptions));
        errors.AddRange(problems);
        if (problems.Count > 0)
        {
            return null;
        }

        var options = new TOptions();
        node.Bind(options);
        errors.AddRange(validate(options));
        return options;
    }

    /// <summary>The options type whose validation at start is the check of the whole configuration.</summary>
    internal sealed class Checked;
}

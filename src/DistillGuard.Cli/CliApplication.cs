using System.CommandLine;
using System.CommandLine.Help;
using DistillGuard.Cli.Commands;

namespace DistillGuard.Cli;

/// <summary>Builds the <c>distillguard</c> command tree.</summary>
internal static class CliApplication
{
    /// <summary>The command's name.</summary>
    public const string Name = "distillguard";

    /// <summary>Builds the root command and its subcommands.</summary>
    /// <param name="context">Where the commands write, and the clock.</param>
    /// <returns>The root command.</returns>
    /// <remarks>
    /// The root is a plain <see cref="Command"/> named <see cref="Name"/> with the help and version options that a
    /// <see cref="RootCommand"/> would add, rather than a <see cref="RootCommand"/>, whose name follows the host
    /// executable: help then reads <c>distillguard</c> whichever process runs it (the tests' host, <c>dotnet run</c>).
    /// </remarks>
    public static Command CreateRootCommand(CliContext context)
    {
        var root = new Command(Name, "DistillGuard: detect model-distillation campaigns in LLM API traffic.")
        {
            new HelpOption(),
            new VersionOption(),
            DetectCommand.Create(context),
            SimulateCommand.Create(context),
            EvaluateCommand.Create(context),
            DemoCommand.Create(context),
            BenchCommand.Create(context),
            IngestCommand.Create(context),
            ServeCommand.CreateServe(context),
            ServeCommand.CreateGateway(context),
            ShareCommand.Create(context),
            DossierCommand.Create(context),
        };
        return root;
    }
}

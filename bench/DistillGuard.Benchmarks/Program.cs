using BenchmarkDotNet.Running;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Runs the micro-benchmarks of the hot paths, one class per path in this assembly, chosen on the command line:
/// <c>dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*'</c> (or a class name pattern;
/// with no arguments BenchmarkDotNet asks which to run).
/// </summary>
/// <remarks>The end-to-end figures (throughput against a parse floor, memory per subject) come from <c>distillguard bench</c>.</remarks>
public static class Program
{
    /// <summary>Runs the benchmarks that <paramref name="args"/> select.</summary>
    /// <param name="args">BenchmarkDotNet's arguments, for example <c>--filter *Sketch*</c>.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

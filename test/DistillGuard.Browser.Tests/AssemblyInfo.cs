using DistillGuard.Browser.Tests.Support;

[assembly: AssemblyFixture(typeof(ConsoleFixture))]

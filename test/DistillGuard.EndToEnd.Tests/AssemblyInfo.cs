using DistillGuard.EndToEnd.Tests.Support;

[assembly: AssemblyFixture(typeof(SimulatedTraffic))]

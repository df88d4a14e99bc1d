using System.Globalization;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>
/// Client libraries and browsers with the user agents they send and the TLS fingerprints their TLS stacks produce.
/// Fingerprints follow the JA4 layout (<c>t13d1516h2_8daaf6152771_02713d6af862</c>: protocol, TLS version, SNI, cipher
/// and extension counts, ALPN, then truncated hashes of the cipher and extension lists); one library on one TLS stack
/// yields one fingerprint whatever its version, which is why a rare fingerprint with a common user agent stands out.
/// </summary>
internal static class Clients
{
    public const string ChromeTls = "t13d1516h2_8daaf6152771_02713d6af862";
    public const string FirefoxTls = "t13d1715h2_5b57614c22b0_3d5424432f57";
    public const string SafariTls = "t13d2014h2_a09f3c656075_14788d8d241b";
    public const string PythonOpenSsl3Tls = "t13d1812h2_85036bcba153_b26ce05bbdaa";
    public const string PythonOpenSsl11Tls = "t13d5910h2_a2a2b3cde65a_7f3d9c2e1b04";
    public const string PythonRequestsTls = "t13d1812h1_85036bcba153_375ca2c5e164";
    public const string NodeTls = "t13d1711h2_a8f2e3c1b7d4_06b4e1d9a2f5";
    public const string GoTls = "t13d1311h2_f57a46bbacb6_e7c285222651";
    public const string CurlTls = "t13d3113h2_e8f1e7e78f70_ce5650b735ce";
    public const string OkHttpTls = "t13d1513h2_8daaf6152771_eca864cca44a";
    public const string DotNetTls = "t13d2211h2_0d8feac7bc37_7395dae3b2f3";
    public const string JavaTls = "t13d4907h2_0d8feac7bc37_d68a31f7d2c8";

    /// <summary>Chooses the software a typical individual developer or chat user calls the API with.</summary>
    public static ClientSoftware Individual(SimRandom random) => random.PickWeighted(IndividualFamilies)(random);

    /// <summary>Chooses the software a company's services or a batch pipeline call the API with.</summary>
    public static ClientSoftware Service(SimRandom random) => random.PickWeighted(ServiceFamilies)(random);

    public static ClientSoftware PythonOpenAi(SimRandom random) =>
        new(Format("OpenAI/Python 1.{0}.{1}", random.Next(40, 59), random.Next(0, 4)), random.Chance(0.85) ? PythonOpenSsl3Tls : PythonOpenSsl11Tls);

    public static ClientSoftware AsyncPythonOpenAi(SimRandom random) =>
        new(Format("AsyncOpenAI/Python 1.{0}.{1}", random.Next(40, 59), random.Next(0, 4)), random.Chance(0.85) ? PythonOpenSsl3Tls : PythonOpenSsl11Tls);

    public static ClientSoftware NodeOpenAi(SimRandom random) =>
        new(Format("OpenAI/JS 4.{0}.{1}", random.Next(60, 80), random.Next(0, 3)), NodeTls);

    public static ClientSoftware Httpx(SimRandom random) =>
        new(Format("python-httpx/0.{0}.{1}", random.Next(25, 29), random.Next(0, 3)), PythonOpenSsl3Tls);

    public static ClientSoftware Requests(SimRandom random) =>
        new(Format("python-requests/2.{0}.{1}", random.Next(28, 33), random.Next(0, 4)), PythonRequestsTls);

    public static ClientSoftware Aiohttp(SimRandom random) =>
        new(Format("Python/3.{0} aiohttp/3.{1}.{2}", random.Next(10, 14), random.Next(8, 12), random.Next(0, 6)), PythonOpenSsl3Tls);

    public static ClientSoftware Curl(SimRandom random) =>
        new(Format("curl/8.{0}.{1}", random.Next(4, 12), random.Next(0, 2)), CurlTls);

    public static ClientSoftware Go(SimRandom random) => new("Go-http-client/2.0", GoTls);

    public static ClientSoftware OkHttp(SimRandom random) =>
        new(Format("okhttp/4.{0}.0", random.Next(9, 13)), OkHttpTls);

    public static ClientSoftware DotNet(SimRandom random) =>
        new(Format("OpenAI/2.{0}.0 (.NET 8.0.{1}; Microsoft Windows 10.0.22631)", random.Next(0, 3), random.Next(8, 14)), DotNetTls);

    public static ClientSoftware Java(SimRandom random) =>
        new(Format("OpenAI/Java 0.{0}.{1}", random.Next(20, 40), random.Next(0, 3)), JavaTls);

    public static ClientSoftware NodeFetch(SimRandom random) =>
        new(random.Chance(0.5) ? "node-fetch" : "undici", NodeTls);

    /// <summary>The client of open-source coding agent <paramref name="agent"/> (0 Forge, 1 Tern, 2 Patchbot), as its users run it.</summary>
    public static ClientSoftware CodingAgent(int agent, SimRandom random) => agent switch
    {
        0 => new(Format("forge-cli/1.{0}.{1} OpenAI/JS 4.{2}.0", random.Next(2, 6), random.Next(0, 9), random.Next(70, 80)), NodeTls),
        1 => new(Format("tern-agent/0.{0}.{1} (node {2})", random.Next(8, 12), random.Next(0, 5), random.Pick(["20.18.1", "22.11.0", "22.12.0"])), NodeTls),
        _ => random.Chance(0.5)
            ? new(Format("patchbot/2.{0}.{1} python-httpx/0.27.{2}", random.Next(0, 4), random.Next(0, 10), random.Next(0, 3)), PythonOpenSsl3Tls)
            : new(Format("OpenAI/Python 1.{0}.{1} patchbot/2.{2}", random.Next(50, 59), random.Next(0, 4), random.Next(0, 4)), PythonOpenSsl3Tls),
    };

    public static ClientSoftware Browser(SimRandom random) => random.Next(5) switch
    {
        0 => new(Format("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{0}.0.0.0 Safari/537.36", random.Next(128, 133)), ChromeTls),
        1 => new(Format("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{0}.0.0.0 Safari/537.36", random.Next(128, 133)), ChromeTls),
        2 => new(Format("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{0}.0) Gecko/20100101 Firefox/{0}.0", random.Next(128, 134)), FirefoxTls),
        3 => new(Format("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{0} Safari/605.1.15", random.Next(0, 3)), SafariTls),
        _ => new(Format("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{0}.0.0.0 Mobile Safari/537.36", random.Next(128, 133)), ChromeTls),
    };

    private static readonly IReadOnlyList<Weighted<Func<SimRandom, ClientSoftware>>> IndividualFamilies =
    [
        new(PythonOpenAi, 34), new(NodeOpenAi, 18), new(Browser, 14), new(Httpx, 5), new(Requests, 8), new(Curl, 3),
        new(DotNet, 3), new(Go, 2), new(OkHttp, 5), new(AsyncPythonOpenAi, 4), new(Aiohttp, 2), new(Java, 2),
    ];

    private static readonly IReadOnlyList<Weighted<Func<SimRandom, ClientSoftware>>> ServiceFamilies =
    [
        new(PythonOpenAi, 30), new(AsyncPythonOpenAi, 12), new(NodeOpenAi, 20), new(Httpx, 6), new(Go, 8),
        new(DotNet, 8), new(Java, 8), new(Requests, 4), new(Aiohttp, 4),
    ];

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

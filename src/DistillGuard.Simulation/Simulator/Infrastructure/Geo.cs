using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>
/// The countries, access networks, clouds and VPN exits the simulated traffic comes from. AS numbers and names are
/// those of real networks so that traffic reads like a provider's log; address blocks are representative, not an
/// authoritative routing table.
/// </summary>
internal static class Geo
{
    public static readonly IReadOnlyList<CountryProfile> Countries =
    [
        Country("US", -6, "en", ["gmail.com", "yahoo.com", "aol.com", "comcast.net"],
            [Res(7922, "COMCAST-7922", "US", "73.12|73.158|98.207|24.18|67.180", "2601:18"), Res(20115, "CHARTER-20115", "US", "47.32|97.93|71.84|24.151", "2600:6c"), Res(7018, "ATT-INTERNET4", "US", "99.108|107.200|76.244|108.84", "2600:1700"), Res(701, "UUNET", "US", "71.183|100.15|173.66|108.46", "2600:4040"), Res(22773, "ASN-CXA-ALL-CCI-22773-RDC", "US", "68.101|70.176|98.166")],
            [Mob(21928, "T-MOBILE-AS21928", "US", "172.56|172.58|172.59", "2607:fb90"), Mob(6167, "CELLCO-PART", "US", "174.192|174.205|97.137", "2600:1010")]),
        Country("CA", -5, "en", ["gmail.com", "hotmail.com", "rogers.com"],
            [Res(812, "ROGERS-COMMUNICATIONS", "CA", "99.228|174.112|72.140"), Res(577, "BACOM", "CA", "70.48|142.114|184.144")],
            [Mob(852, "ASN852", "CA", "70.66|154.20")]),
        Country("GB", 0, "en", ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk"],
            [Res(2856, "BT-UK-AS", "GB", "86.128|81.151|109.150|217.42", "2a00:23c"), Res(5089, "NTL", "GB", "82.24|86.14|92.236"), Res(5607, "BSKYB-BROADBAND-AS", "GB", "2.96|90.205|5.64")],
            [Mob(12576, "EE-AS", "GB", "148.252|31.94", "2a01:4c8")]),
        Country("IE", 0, "en", ["gmail.com", "eircom.net"],
            [Res(5466, "EIRCOM", "IE", "86.40|79.97")],
            [Mob(15502, "VODAFONE-IRELAND-ASN", "IE", "89.19")]),
        Country("DE", 1, "de", ["gmx.de", "web.de", "t-online.de", "gmail.com"],
            [Res(3320, "DTAG", "DE", "79.200|84.150|91.54|93.212|87.155", "2003:e5"), Res(3209, "VODANET", "DE", "88.130|95.90|188.192", "2a02:8108"), Res(8881, "VERSATEL", "DE", "31.16|89.244")],
            [Mob(6805, "TDDE-ASN1", "DE", "176.2|77.3")]),
        Country("AT", 1, "de", ["gmx.at", "gmail.com"],
            [Res(8447, "A1TELEKOM-AT", "AT", "62.178|80.108")],
            [Mob(25255, "H3G-AUSTRIA-AS", "AT", "178.114")]),
        Country("FR", 1, "fr", ["orange.fr", "free.fr", "laposte.net", "gmail.com", "hotmail.fr"],
            [Res(3215, "France Telecom - Orange", "FR", "90.3|86.247|92.184|83.199", "2a01:cb"), Res(12322, "PROXAD", "FR", "88.120|82.64|78.192", "2a01:e0a"), Res(15557, "LDCOMNET", "FR", "77.136|109.208")],
            [Mob(5410, "BOUYGTEL-ISP", "FR", "176.145|89.80")]),
        Country("ES", 1, "es", ["gmail.com", "hotmail.es", "yahoo.es"],
            [Res(3352, "TELEFONICA_DE_ESPANA", "ES", "83.36|88.12|79.152|95.124"), Res(12479, "UNI2-AS", "ES", "90.166|81.33")],
            [Mob(12430, "VODAFONE_ES", "ES", "37.132|46.24")]),
        Country("IT", 1, "it", ["libero.it", "gmail.com", "hotmail.it", "virgilio.it"],
            [Res(3269, "ASN-IBSNAZ", "IT", "79.40|87.4|93.44|151.38"), Res(12874, "FASTWEB", "IT", "2.224|93.32")],
            [Mob(30722, "VODAFONE-IT-ASN", "IT", "5.90|109.112")]),
        Country("NL", 1, "en", ["gmail.com", "ziggo.nl", "kpnmail.nl"],
            [Res(33915, "TNF-AS", "NL", "84.104|62.194|77.249"), Res(1136, "KPN", "NL", "77.160|86.83")],
            [Mob(20857, "TRANSIP-AS", "NL", "185.92")]),
        Country("SE", 1, "en", ["gmail.com", "telia.com"],
            [Res(3301, "TELIANET-SWEDEN", "SE", "78.69|90.224")],
            [Mob(1257, "TELE2", "SE", "90.225")]),
        Country("PL", 1, "en", ["gmail.com", "wp.pl", "o2.pl"],
            [Res(5617, "TPNET", "PL", "83.5|89.78|79.184")],
            [Mob(12912, "ERA", "PL", "31.0")]),
        Country("IN", 5.5, "en", ["gmail.com", "yahoo.co.in", "rediffmail.com"],
            [Res(24560, "AIRTELBROADBAND-AS-AP", "IN", "122.161|122.171|106.210"), Res(24309, "ATRIA-AS-IN", "IN", "49.206|106.51|183.82")],
            [Mob(55836, "RELIANCEJIO-IN", "IN", "49.36|157.35|152.58", "2409:4070"), Mob(45609, "BHARTI-MOBILITY-AS-AP", "IN", "106.198|223.187")]),
        Country("BR", -3, "pt", ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br"],
            [Res(28573, "CLARO S.A.", "BR", "177.32|179.218|189.60"), Res(18881, "TELEFONICA BRASIL S.A", "BR", "177.95|187.58|191.185"), Res(7738, "Telemar Norte Leste S.A.", "BR", "189.30|201.17")],
            [Mob(26599, "TELEFONICA BRASIL S.A", "BR", "177.79|191.56")]),
        Country("MX", -6, "es", ["gmail.com", "hotmail.com", "prodigy.net.mx"],
            [Res(8151, "Uninet S.A. de C.V.", "MX", "187.190|189.146|201.141")],
            [Mob(28403, "RadioMovil Dipsa, S.A. de C.V.", "MX", "189.203|200.68")]),
        Country("AR", -3, "es", ["gmail.com", "hotmail.com", "yahoo.com.ar"],
            [Res(7303, "Telecom Argentina S.A.", "AR", "181.46|186.137|190.193")],
            [Mob(22927, "Telefonica de Argentina", "AR", "186.22")]),
        Country("CO", -5, "es", ["gmail.com", "hotmail.com"],
            [Res(10620, "Telmex Colombia S.A.", "CO", "181.49|186.84")],
            [Mob(27831, "Colombia Movil", "CO", "191.95")]),
        Country("JP", 9, "ja", ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com"],
            [Res(4713, "OCN NTT Communications Corporation", "JP", "114.150|153.156|60.119|180.11"), Res(2516, "KDDI KDDI CORPORATION", "JP", "106.146|111.98|182.169"), Res(17676, "Softbank BB Corp.", "JP", "126.36|126.94|219.104")],
            [Mob(9605, "DOCOMO NTT DOCOMO, INC.", "JP", "1.66|49.98|110.163")]),
        Country("KR", 9, "ko", ["naver.com", "daum.net", "gmail.com"],
            [Res(4766, "KIXS-AS-KR Korea Telecom", "KR", "175.192|121.133|211.36"), Res(9318, "SKB-AS SK Broadband Co Ltd", "KR", "58.140|110.70|1.225")],
            [Mob(17858, "POWERVIS-AS-KR LG POWERCOMM", "KR", "106.101|211.234")]),
        Country("TW", 8, "zh", ["gmail.com", "yahoo.com.tw", "hotmail.com"],
            [Res(3462, "HINET Data Communication Business Group", "TW", "1.160|36.224|114.36|220.133")],
            [Mob(24158, "TAIWANMOBILE-AS", "TW", "49.216|27.246")]),
        Country("SG", 8, "zh", ["gmail.com", "hotmail.com", "yahoo.com.sg"],
            [Res(3758, "SINGNET-SG SingNet Pte Ltd", "SG", "116.86|118.200|175.156"), Res(9506, "SINGTEL-FIBRE", "SG", "101.127|121.7")],
            [Mob(4773, "MOBILEONEAS MobileOne Ltd", "SG", "111.65")]),
        Country("HK", 8, "zh", ["gmail.com", "yahoo.com.hk", "netvigator.com"],
            [Res(4760, "HKTIMS-AP HKT Limited", "HK", "112.118|42.2|14.0"), Res(9269, "HKBN-AS-AP Hong Kong Broadband Network Ltd.", "HK", "61.244|203.186")],
            [Mob(10118, "SMARTONE-AS-AP", "HK", "223.104")]),
        Country("MY", 8, "en", ["gmail.com", "yahoo.com"],
            [Res(4788, "TMNET-AS-AP TM Net, Internet Service Provider", "MY", "175.139|115.133|60.50")],
            [Mob(10030, "CELCOMNET-AP Celcom Axiata Berhad", "MY", "113.210")]),
        Country("AU", 10, "en", ["gmail.com", "bigpond.com", "outlook.com"],
            [Res(1221, "ASN-TELSTRA Telstra Corporation Ltd", "AU", "101.161|110.144|124.176"), Res(4804, "MPX-AS Microplex PTY LTD", "AU", "49.179|203.59"), Res(7545, "TPG-INTERNET-AP TPG Telecom Limited", "AU", "101.165|124.170")],
            [Mob(4804, "MPX-AS Microplex PTY LTD", "AU", "1.136|49.180")]),
        Country("ID", 7, "en", ["gmail.com", "yahoo.co.id"],
            [Res(7713, "TELKOMNET-AS-AP PT Telekomunikasi Indonesia", "ID", "36.68|180.252|182.253")],
            [Mob(23693, "TELKOMSEL-ASN-ID", "ID", "114.124|182.1")]),
        Country("PH", 8, "en", ["gmail.com", "yahoo.com"],
            [Res(9299, "IPG-AS-AP Philippine Long Distance Telephone Company", "PH", "112.198|120.28|49.145")],
            [Mob(4775, "GLOBE-TELECOM-AS Globe Telecoms", "PH", "112.210|175.176")]),
        Country("VN", 7, "en", ["gmail.com", "yahoo.com.vn"],
            [Res(7552, "VIETEL-AS-AP Viettel Group", "VN", "27.72|171.224|125.234"), Res(45899, "VNPT-AS-VN VNPT Corp", "VN", "113.161|14.226"), Res(18403, "FPT-AS-AP The Corporation for Financing & Promoting Technology", "VN", "1.53|42.116")],
            [Mob(7552, "VIETEL-AS-AP Viettel Group", "VN", "116.96")]),
        Country("TH", 7, "en", ["gmail.com", "hotmail.com"],
            [Res(45758, "TRIPLETNET-AS-AP TripleT Internet", "TH", "171.96|182.232|49.228")],
            [Mob(131445, "AWN-AS-AP Advanced Wireless Network Company Limited", "TH", "49.230")]),
        Country("TR", 3, "en", ["gmail.com", "hotmail.com"],
            [Res(9121, "TTNET", "TR", "78.180|88.230|85.105")],
            [Mob(16135, "TURKCELL-AS", "TR", "31.143|178.240")]),
        Country("KZ", 5, "ru", ["mail.ru", "gmail.com", "yandex.kz"],
            [Res(9198, "KAZTELECOM-AS", "KZ", "2.132|95.56|89.218")],
            [Mob(206026, "Kar-Tel LLC", "KZ", "37.150")]),
        Country("UA", 2, "ru", ["ukr.net", "gmail.com"],
            [Res(15895, "KSNET-AS", "UA", "46.211|176.36|94.153")],
            [Mob(21497, "UMC-AS", "UA", "31.43")]),
        Country("EG", 2, "en", ["gmail.com", "yahoo.com"],
            [Res(8452, "TE-AS", "EG", "41.40|156.200|197.36")],
            [Mob(36935, "Vodafone-EG", "EG", "41.232")]),
        Country("NG", 1, "en", ["gmail.com", "yahoo.com"],
            [Res(36873, "VNL1-AS", "NG", "105.112|129.205")],
            [Mob(29465, "VCG-AS", "NG", "102.88|197.210")]),
        Country("ZA", 2, "en", ["gmail.com", "webmail.co.za"],
            [Res(37457, "Telkom-Internet", "ZA", "105.224|41.13")],
            [Mob(29975, "VODACOM-", "ZA", "41.115")]),
        Country("PK", 5, "en", ["gmail.com", "yahoo.com"],
            [Res(17557, "PKTELECOM-AS-PK Pakistan Telecommunication Company Limited", "PK", "39.32|111.119|182.176")],
            [Mob(24499, "TELENOR-PAKISTAN-AS-AP", "PK", "119.160")]),
    ];

    /// <summary>Where ordinary chat users live, with weights (English speakers).</summary>
    public static readonly IReadOnlyList<Weighted<string>> ChatCountries =
    [
        new("US", 30), new("GB", 7), new("CA", 5), new("DE", 5), new("IN", 9), new("AU", 3), new("FR", 3), new("NL", 2),
        new("SE", 1), new("PL", 2), new("IE", 1), new("SG", 1.5), new("PH", 2), new("NG", 1.5), new("ZA", 1), new("BR", 3),
        new("ES", 2), new("IT", 2), new("MX", 2), new("JP", 1.5), new("KR", 1), new("ID", 1.5), new("TR", 1), new("EG", 1),
        new("PK", 1.5), new("MY", 1), new("VN", 1), new("CO", 1), new("AT", 0.5),
    ];

    /// <summary>Which countries a user writing a given language lives in.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> CountriesByLanguage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["es"] = ["ES", "MX", "AR", "CO"],
        ["de"] = ["DE", "AT"],
        ["fr"] = ["FR"],
        ["pt"] = ["BR"],
        ["ja"] = ["JP"],
        ["ko"] = ["KR"],
        ["zh"] = ["TW", "SG", "HK"],
        ["it"] = ["IT"],
        ["ru"] = ["KZ", "UA"],
    };

    /// <summary>The non-English languages of benign users, with weights.</summary>
    public static readonly IReadOnlyList<Weighted<string>> ForeignLanguages =
    [
        new("es", 4), new("de", 3), new("fr", 3), new("pt", 3), new("ja", 2), new("zh", 2), new("ko", 1), new("it", 1.5), new("ru", 1.5),
    ];

    /// <summary>Countries whose residential addresses residential proxy networks resell most.</summary>
    public static readonly IReadOnlyList<Weighted<string>> ProxyExitCountries =
    [
        new("US", 8), new("BR", 6), new("IN", 6), new("VN", 4), new("ID", 4), new("PH", 3), new("MX", 3), new("TR", 2),
        new("EG", 2), new("NG", 2), new("TH", 2), new("UA", 2), new("CO", 2), new("PK", 2), new("GB", 2), new("DE", 2),
        new("KZ", 1), new("MY", 1), new("ZA", 1), new("AR", 1), new("FR", 1), new("ES", 1), new("IT", 1), new("PL", 1),
    ];

    public static readonly IReadOnlyList<Isp> Clouds =
    [
        Dc(16509, "AMAZON-02", "US", "3.80|18.204|34.226|44.192|52.23|54.164"),
        Dc(16509, "AMAZON-02", "DE", "3.120|18.184|52.57"),
        Dc(16509, "AMAZON-02", "IE", "34.240|52.208|54.75"),
        Dc(16509, "AMAZON-02", "SG", "13.212|18.139|54.179"),
        Dc(16509, "AMAZON-02", "JP", "13.112|18.179|54.150"),
        Dc(396982, "GOOGLE-CLOUD-PLATFORM", "US", "34.29|34.68|35.188|35.224"),
        Dc(396982, "GOOGLE-CLOUD-PLATFORM", "NL", "34.90|35.204"),
        Dc(8075, "MICROSOFT-CORP-MSN-AS-BLOCK", "US", "20.42|20.119|40.76|52.152"),
        Dc(8075, "MICROSOFT-CORP-MSN-AS-BLOCK", "NL", "20.61|51.144"),
        Dc(14061, "DIGITALOCEAN-ASN", "US", "64.227|134.209|138.68|159.89|167.99"),
        Dc(14061, "DIGITALOCEAN-ASN", "DE", "46.101|164.90"),
        Dc(24940, "Hetzner Online GmbH", "DE", "5.9|88.198|95.216|116.202|135.181|65.108"),
        Dc(24940, "Hetzner Online GmbH", "FI", "65.21|95.217"),
        Dc(16276, "OVH SAS", "FR", "51.38|51.75|54.36|137.74|145.239"),
        Dc(16276, "OVH SAS", "CA", "51.79|144.217"),
        Dc(63949, "Akamai Connected Cloud", "US", "45.33|139.162|172.104"),
        Dc(20473, "AS-CHOOPA", "US", "45.32|45.63|149.28|207.148"),
        Dc(20473, "AS-CHOOPA", "JP", "45.76|139.180"),
        Dc(31898, "ORACLE-BMC-31898", "US", "129.146|132.145|150.136"),
        Dc(45102, "Alibaba US Technology Co., Ltd.", "SG", "47.74|47.88|8.219"),
        Dc(45102, "Alibaba US Technology Co., Ltd.", "US", "47.89|47.251"),
        Dc(132203, "Tencent Building, Kejizhongyi Avenue", "SG", "43.128|43.156|129.226"),
        Dc(132203, "Tencent Building, Kejizhongyi Avenue", "JP", "43.153|150.109"),
        Dc(51167, "Contabo GmbH", "DE", "62.171|161.97|207.180"),
        Dc(60781, "LeaseWeb Netherlands B.V.", "NL", "5.79|37.48|212.32"),
    ];

    /// <summary>Well-known cloud regions that legitimate enterprises deploy in.</summary>
    public static readonly IReadOnlyList<Isp> EnterpriseClouds = [.. Clouds.Where(c => c.Asn is 16509 or 396982 or 8075)];

    /// <summary>Cheap hosting that scrapers and harvesters favour (as do many small legitimate apps).</summary>
    public static readonly IReadOnlyList<Isp> BudgetHosting = [.. Clouds.Where(c => c.Asn is 14061 or 24940 or 16276 or 20473 or 51167 or 63949)];

    /// <summary>Asian clouds used by the multilingual and reseller campaigns (and legitimate Asian apps).</summary>
    public static readonly IReadOnlyList<Isp> AsianClouds = [.. Clouds.Where(c => c.Asn is 45102 or 132203 || (c.Asn == 16509 && c.Country is "SG" or "JP"))];

    public static readonly IReadOnlyList<Isp> VpnExits =
    [
        Vpn(9009, "M247 Europe SRL", "NL", "37.120|146.70|185.236"),
        Vpn(9009, "M247 Europe SRL", "US", "38.132|193.37"),
        Vpn(9009, "M247 Europe SRL", "GB", "89.238|185.253"),
        Vpn(60068, "Datacamp Limited", "US", "89.187|143.244|212.102"),
        Vpn(60068, "Datacamp Limited", "DE", "84.17|156.146"),
        Vpn(60068, "Datacamp Limited", "SG", "89.187|138.199"),
        Vpn(60068, "Datacamp Limited", "JP", "138.199|156.146"),
        Vpn(39351, "31173 Services AB", "SE", "193.138|185.213"),
        Vpn(147049, "PacketHub S.A.", "US", "138.199|149.22"),
        Vpn(62240, "Clouvider Limited", "GB", "45.86|217.138"),
        Vpn(212238, "Datacamp Limited", "HK", "84.17|156.146"),
    ];

    private static readonly Dictionary<string, CountryProfile> ByCode = Countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static CountryProfile Country(string code) => ByCode[code];

    private static CountryProfile Country(string code, double offset, string language, string[] email, Isp[] residential, Isp[] mobile) =>
        new(code, offset, language, residential, mobile, email);

    private static Isp Res(long asn, string org, string country, string prefixes, string? v6 = null) =>
        new(asn, org, country, NetworkType.Residential, prefixes.Split('|'), v6);

    private static Isp Mob(long asn, string org, string country, string prefixes, string? v6 = null) =>
        new(asn, org, country, NetworkType.Mobile, prefixes.Split('|'), v6);

    private static Isp Dc(long asn, string org, string country, string prefixes) =>
        new(asn, org, country, NetworkType.Datacenter, prefixes.Split('|'));

    private static Isp Vpn(long asn, string org, string country, string prefixes) =>
        new(asn, org, country, NetworkType.Vpn, prefixes.Split('|'));
}

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// The crisis reply's settings. Configuration section "PeerBot:Crisis". The default help lines are Danish, with the
/// sources they were taken from (domain.md §5.2); numbers and opening hours change, so verify them before every release.
/// </summary>
public sealed class CrisisOptions
{
    /// <summary>The time zone in which help lines' hours are read, for "open now". Default: Europe/Copenhagen.</summary>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    /// <summary>How long the bot's own scheduled prompts pause, and the caring mode lasts, after a crisis reply. Default: 48 hours.</summary>
    public TimeSpan PausePromptsFor { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// The help lines everyone gets, in the order they are shown when several are open; closed ones follow the open
    /// ones. 112 is always said first, separately. Empty: <see cref="DanishDefaults"/>.
    /// </summary>
    public List<HelpLine> HelpLines { get; set; } = [];

    /// <summary>
    /// Each region's acute psychiatric contact, by the region id a peer picks for a group ("hovedstaden", "sjaelland",
    /// "syddanmark", "midtjylland", "nordjylland"). A member in a group gets its region's lines first; one without gets
    /// the first line of every region, briefly. Empty: <see cref="DanishRegions"/>.
    /// </summary>
    public Dictionary<string, HelpRegion> Regions { get; set; } = [];

    /// <summary>The national lines, used when configuration names none.</summary>
    public static List<HelpLine> DanishDefaults() =>
    [
        new()
        {
            Name = "Livslinien", Number = "70 201 201", OpenHours = ["daily 11:00-05:00"],
            About = new() { ["da"] = "anonym samtale ved selvmordstanker, også chat på livslinien.dk", ["en"] = "anonymous support with suicidal thoughts, also chat at livslinien.dk" },
            Source = "public helpline dataset (11-05); sources disagree, check livslinien.dk",
        },
        new()
        {
            Name = "Psykiatrifondens Rådgivning", Number = "39 25 25 25", OpenHours = ["Mon-Thu 10:00-22:00", "Fri-Sun 10:00-18:00"],
            About = new() { ["da"] = "anonym samtale for dig og for dine pårørende", ["en"] = "an anonymous talk, for you or those close to you" },
            Source = "public app listing, unverified; check psykiatrifonden.dk",
        },
        new()
        {
            Name = "Sind Rådgivning", Number = "70 23 27 50", OpenHours = ["Mon,Wed,Fri 09:00-15:00", "Tue,Thu 10:00-16:00"],
            About = new() { ["da"] = "samtaler for mennesker, der har det svært, og deres pårørende", ["en"] = "a talk for people who are struggling and their families" },
            Source = "newer app listing, unverified; check sindraadgivning.dk",
        },
    ];

    // The out-of-hours doctor in the three regions without an acute line of their own: weekdays 16-08, and the weekend.
    private static List<string> OutOfHours() => ["Mon-Fri 16:00-08:00", "Sat,Sun 08:00-08:00"];

    /// <summary>The five Danish regions' acute contacts, used when configuration names none.</summary>
    public static Dictionary<string, HelpRegion> DanishRegions() => new()
    {
        ["hovedstaden"] = new()
        {
            Name = new() { ["da"] = "Region Hovedstaden", ["en"] = "Capital Region" },
            Lines =
            [
                new()
                {
                    Name = "Akuttelefonen", Number = "1813", OpenHours = ["always"],
                    About = new() { ["da"] = "Region Hovedstadens akuttelefon; herfra kommer du også videre til psykiatrisk akuthjælp", ["en"] = "the Capital Region's emergency line; they also put you through to psychiatric emergency care" },
                    Source = "regionh.dk, Psykiatrisk akutberedskab (via 1813 or 112); da.wikipedia.org, Lægevagt",
                },
                new()
                {
                    Name = "Psykiatrisk akutmodtagelse", OpenHours = ["always"],
                    About = new() { ["da"] = "du kan møde op uden aftale, fx i Hillerød, Dyrehavevej 48 (tlf. 38 64 32 00); andre adresser på psykiatri-regionh.dk", ["en"] = "you can walk in without an appointment, e.g. in Hillerød, Dyrehavevej 48 (tel. 38 64 32 00); other addresses on psykiatri-regionh.dk" },
                    Source = "psykiatri-regionh.dk, Psykiatrisk Center Nordsjælland, Akut psykiatrisk behandling",
                },
            ],
        },
        ["sjaelland"] = new()
        {
            Name = new() { ["da"] = "Region Sjælland", ["en"] = "Region Zealand" },
            Lines =
            [
                new()
                {
                    Name = "Akuttelefonen", Number = "1818", OpenHours = ["always"],
                    About = new() { ["da"] = "ét nummer til lægevagt, skadestue og psykiatrisk akutmodtagelse i Region Sjælland", ["en"] = "one number for the out-of-hours doctor, emergency departments and psychiatric emergency care in Region Zealand" },
                    Source = "Region Sjælland press release via bt.dk (2022-09) and dagensmedicin.dk (2024-08): 1818 since 1 October 2022",
                },
            ],
        },
        ["syddanmark"] = new()
        {
            Name = new() { ["da"] = "Region Syddanmark", ["en"] = "Region of Southern Denmark" },
            Lines =
            [
                new()
                {
                    Name = "Lægevagten", Number = "70 11 07 07", OpenHours = OutOfHours(),
                    About = new() { ["da"] = "når egen læge har lukket; de psykiatriske akutmodtagelser i Odense, Esbjerg, Aabenraa og Vejle har altid åbent", ["en"] = "when your own doctor is closed; the psychiatric emergency departments in Odense, Esbjerg, Aabenraa and Vejle are always open" },
                    Source = "regionsyddanmark.dk, Lægevagt i Region Syddanmark (16-08, weekends, holidays); tv2fyn.dk (2022), psychiatric emergency departments",
                },
            ],
        },
        ["midtjylland"] = new()
        {
            Name = new() { ["da"] = "Region Midtjylland", ["en"] = "Central Denmark Region" },
            Lines =
            [
                new()
                {
                    Name = "Lægevagten", Number = "70 11 31 31", OpenHours = OutOfHours(),
                    About = new() { ["da"] = "når egen læge har lukket; herfra kommer du videre til psykiatrisk akutmodtagelse", ["en"] = "when your own doctor is closed; they can send you on to psychiatric emergency care" },
                    Source = "da.wikipedia.org, Lægevagt (16-08 and weekends); rm.dk (2010), psychiatric emergency care by referral",
                },
            ],
        },
        ["nordjylland"] = new()
        {
            Name = new() { ["da"] = "Region Nordjylland", ["en"] = "North Denmark Region" },
            Lines =
            [
                new()
                {
                    Name = "Lægevagten", Number = "70 15 03 00", OpenHours = OutOfHours(),
                    About = new() { ["da"] = "når egen læge har lukket; herfra kommer du videre til psykiatrisk skadestue i Aalborg", ["en"] = "when your own doctor is closed; they can send you on to the psychiatric emergency room in Aalborg" },
                    Source = "rn.dk (out-of-hours doctor 16-08, 70 150 300); da.wikipedia.org, Lægevagt (psychiatric emergency: Aalborg, Mølleparkvej)",
                },
                new()
                {
                    Name = "Psykiatrien i Region Nordjylland", Number = "97 64 30 00", OpenHours = ["always"],
                    About = new() { ["da"] = "psykiatriens omstilling, der stiller videre til afdelingerne", ["en"] = "the psychiatric services' switchboard, which puts you through to the wards" },
                    Source = "psykiatri.rn.dk, Praktisk information (døgnet rundt)",
                },
            ],
        },
    };
}

/// <summary>A region's name per language, and its acute contacts, most direct first.</summary>
public sealed class HelpRegion
{
    public Dictionary<string, string> Name { get; set; } = [];

    public List<HelpLine> Lines { get; set; } = [];
}

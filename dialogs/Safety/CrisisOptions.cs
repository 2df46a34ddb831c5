namespace PeerBot.Dialogs.Safety;

/// <summary>
/// The crisis reply's settings. Configuration section "PeerBot:Crisis". The default help lines are Danish, with the
/// sources they were taken from (domain.md §5.2); opening hours change, so verify them before every release.
/// </summary>
public sealed class CrisisOptions
{
    /// <summary>The time zone in which help lines' hours are read, for "open now". Default: Europe/Copenhagen.</summary>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    /// <summary>How long the bot's own scheduled prompts pause after a crisis reply. Default: 48 hours.</summary>
    public TimeSpan PausePromptsFor { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// The help lines, in the order they are shown when several are open; closed ones follow the open ones. 112 is
    /// always said first, separately.
    /// </summary>
    public List<HelpLine> HelpLines { get; set; } = [];

    /// <summary>Used when configuration names no help lines.</summary>
    public static List<HelpLine> DanishDefaults() =>
    [
        new()
        {
            Name = "Livslinien", Number = "70 201 201", OpenHours = ["daily 11:00-05:00"],
            About = new() { ["da"] = "anonym rådgivning ved selvmordstanker, også chat på livslinien.dk", ["en"] = "anonymous support with suicidal thoughts, also chat at livslinien.dk" },
            Source = "public helpline dataset (11-05); sources disagree, check livslinien.dk",
        },
        new()
        {
            Name = "Akuttelefonen 1813", Number = "1813", OpenHours = ["always"],
            About = new() { ["da"] = "Region Hovedstadens akuttelefon; herfra kommer du også videre til psykiatrisk akuthjælp", ["en"] = "the Capital Region's emergency line; they also put you through to psychiatric emergency care" },
            Source = "regionh.dk, Psykiatrisk akutberedskab; bispebjerghospital.dk, 1813",
        },
        new()
        {
            Name = "Psykiatrisk akutmodtagelse", Number = "", OpenHours = ["always"],
            About = new() { ["da"] = "du kan møde op døgnet rundt; adresser på borger.dk", ["en"] = "you can walk in around the clock; addresses on borger.dk" },
            Source = "psykiatrifonden.dk, Når du eller en du kender har en psykisk sygdom",
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
}

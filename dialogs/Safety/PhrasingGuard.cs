using System.Text.RegularExpressions;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Tells whether a sentence the bot would say is directive (domain.md §4): advice, instructions, obligation,
/// suggestions dressed as questions, diagnosing or labelling, minimising or false reassurance, and claimed lived
/// experience or expertise. Open questions, reflections and permissions pass. It answers with the id of the rule
/// that matched, so a content writer knows what to change; the text itself is never logged.
/// </summary>
public sealed partial class PhrasingGuard
{
    private const string Conditions = "depression|depressiv|angst|angstlidelse|ptsd|adhd|add|autisme|bipolar|psykose|psykotisk|skizofreni|ocd|spiseforstyrrelse|personlighedsforstyrrelse|borderline|stress";
    private const string ConditionsEn = "depression|depressed|anxiety|anxious|ptsd|adhd|autism|autistic|bipolar|psychosis|psychotic|schizophrenia|ocd|eating disorder|personality disorder|borderline|burnout";

    private static readonly TextRule[] Rules =
    [
        // Obligation: second person with a modal.
        TextRule.Of("obligation-da", @"(?<!\bhvis )\bdu (bør|burde|skal|skulle|må hellere|må ikke|er nødt til|har brug for at)\b|\bdet er (vigtigt|nødvendigt|afgørende), at du\b"),
        TextRule.Of("obligation-en", @"\byou (should|ought to|must|need to|have to|had better|'d better|got to|gotta)\b|\byou'd better\b|\bit'?s (important|essential|crucial|necessary) (that you|to(?! (me|us|him|her|them)\b))\b|\bit is (important|essential|crucial|necessary) (that you|to(?! (me|us|him|her|them)\b))\b"),
        // Suggestions and advice, also when they come as a question.
        TextRule.Of("suggestion-da", @"\bprøv (at|med)\b|\bdu (kunne|kan) (prøve|forsøge|overveje)\b|\bhvad med at\b|\bhvorfor (\w+ )?(du )?ikke\b|\bhar du (overvejet|prøvet|tænkt på) at\b|\bjeg (anbefaler|foreslår|vil anbefale|vil foreslå|råder)\b|\bmit (gode )?råd\b|\bet godt råd\b|\bdet bedste (ville være|er at|du kan)\b|\b(det )?(vil|ville|kan|kunne) hjælpe (dig|at)\b|\ber en god idé\b|\bdet ville være (klogt|godt|smart|fornuftigt|en god idé)\b|\b(andre|mange) har (gode erfaringer|gavn|glæde|godt) af\b|\ben idé kunne være\b|\bdet kan du også\b"),
        TextRule.Of("suggestion-en", @"\btry (to|(?!(some|any|no|every)thing)\w+ing)\b|\byou (could|can|might) (try|consider)\b|\bhow about\b|\bwhy (don't|dont|not)\b|\bhave you (considered|tried|thought about)\b|\bi (recommend|suggest|would recommend|would suggest|advise)\b|\bmy advice\b|\bthe best (thing|option|idea) (would be|is)\b|\b(it )?(would|will|can|could) help you\b|\bit would help to\b|\b(it'?s|it is) a good idea\b|\bit would be (wise|good|best|smart|sensible|a good idea)\b|\b(others|many people|lots of people) find\b|\bone idea (is|would be)\b|\byou might want to\b|\bconsider \w+ing\b"),
        // Diagnosing or labelling.
        TextRule.Of("diagnosis-da", $@"\blyder som (om du har )?(en )?({Conditions})\b|\bdu (har|lider af) (nok |sikkert |måske |vist )?(en |et )?({Conditions})\w*|\bdu er (deprimeret|bipolar|psykotisk|autistisk|skizofren)\b|\bsymptom på\b|\bdin (diagnose|sygdom|lidelse)\b"),
        TextRule.Of("diagnosis-en", $@"\bsounds like (you have )?(an? )?({ConditionsEn})\b|\byou (probably |might |may |likely )?(have|suffer from) (an? )?({ConditionsEn})\b|\byou are (depressed|bipolar|psychotic|autistic|anxious)\b|\bsymptom of\b|\byour (disorder|illness|diagnosis)\b"),
        // Minimising, false reassurance, invalidating.
        TextRule.Of("minimising-da", @"\btænk positivt\b|\bse det positive\b|\bdet skal nok gå\b|\b(så )?går det nok\b|\bdu skal ikke være ked af det\b|\btag det roligt\b|\bdu overreagerer\b|\bbare (tænk|tag|gør|ring|slap af|glem|kom|sig)\b"),
        TextRule.Of("minimising-en", @"\bjust (think|call|relax|do|get|stop|try|go|take|say|let|forget)\b|\bthink positive\b|\blook on the bright side\b|\b(everything|it)('ll| will) (be fine|be ok|be okay|work out)\b|\bdon't be sad\b|\bcalm down\b|\byou'?re overreacting\b|\bdon't worry\b"),
        // Claimed expertise or lived experience: the bot has neither.
        TextRule.Of("false-experience-da", @"\bsom en(,)? der selv har\b|\bjeg har (selv |også )*været (der|igennem)\b|\bjeg ved(,)? hvad der er bedst for dig\b|\bjeg forstår (præcis|fuldstændig|helt), hvordan du har det\b|\bda jeg selv\b"),
        TextRule.Of("false-experience-en", @"\bas someone who('s| has) been\b|\bi('ve| have) been (there|through)\b|\bi know what'?s best for you\b|\bi know (exactly )?how you feel\b|\bwhen i (was|had) (depressed|anxious|ill)\b"),
        // Instructions about what to do or not do.
        TextRule.Of("instruction-da", @"\bsørg for\b|\bhusk at\b|\blad være med\b|\bundgå at\b|\bglem ikke at\b|\bdu skal huske\b"),
        TextRule.Of("instruction-en", @"\bmake sure\b|\bremember to\b|\bdon't forget\b|\bbe sure to\b"),
    ];

    // A sentence that starts with a verb in the imperative is an instruction ("Gå i seng", "Take a deep breath").
    private static readonly TextRule ImperativeDa = TextRule.Of("imperative-da",
        @"^(gå|tag|prøv|forsøg|start|begynd|stop|hold|husk|sørg|tænk|ring|tal|snak|spis|sov|drik|søg|kom|find|giv|brug|lav|sig|spørg|træk|slap|undgå|vær|pas|glem|overvej|fokuser|meld|skriv|læs|lyt|bevæg|motioner|ryd|sæt|accepter|acceptér|tillad|forestil)\b");
    private static readonly TextRule ImperativeEn = TextRule.Of("imperative-en",
        @"^(go|take|try|start|begin|stop|keep|hold|remember|make|think|call|talk|speak|eat|sleep|drink|seek|come|find|give|use|say|ask|breathe|relax|avoid|be|focus|join|write|read|listen|move|exercise|tidy|clean|set|accept|allow|imagine|consider|reach|get|put|spend|limit|cut|don't|do not|never|quit)\b");

    // Permission is not obligation: "du skal ikke svare, hvis du ikke har lyst".
    private static readonly Regex Permission = new(@"\bdu skal ikke\b[^.!?]*\bhvis du ikke\b|\byou don't have to\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // An open question asks; "Hvad tænker du selv, at du skal gøre nu?" leaves the answer to the member.
    private static readonly Regex OpenQuestion = new(@"^(hvad|hvordan|hvilke|hvilken|hvilket|hvem|hvornår|hvor|what|how|which|who|when|where)\b.*\?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The id of the first rule a sentence of <paramref name="text"/> breaks, or null when it reads as non-directive.</summary>
    public string? Check(string text)
    {
        foreach (var sentence in Sentences(TextNormalizer.Normalize(text)))
        {
            if (ImperativeDa.Pattern.IsMatch(sentence) && !sentence.EndsWith('?'))
                return ImperativeDa.Id;
            if (ImperativeEn.Pattern.IsMatch(sentence) && !sentence.EndsWith('?'))
                return ImperativeEn.Id;
            foreach (var rule in Rules)
            {
                if (!rule.Pattern.IsMatch(sentence))
                    continue;
                if (rule.Id.StartsWith("obligation", StringComparison.Ordinal) && (Permission.IsMatch(sentence) || OpenQuestion.IsMatch(sentence)))
                    continue;
                return rule.Id;
            }
        }
        return null;
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim().TrimStart('"', '\'', '(', '-', ' ')).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?:])\s+|\s+-\s+")]
    private static partial Regex SentenceEnd();
}

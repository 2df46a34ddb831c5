namespace PeerBot.Dialogs.Safety;

/// <summary>
/// Recognises suicidal thoughts, self-harm and harm to others in a message, in Danish and English, by fixed rules
/// (domain.md §5.3): first everyday idioms are taken out ("dødtræt", "døde af grin", "I could kill for a coffee"),
/// then the signal patterns are tried. It errs on the side of showing the help lines. Deterministic: the same text
/// always gets the same answer, and no model is asked.
/// </summary>
public sealed class CrisisDetector
{
    // Idioms that use the words of death and harm for something else; removed before the signals are tried.
    private static readonly TextRule[] Idioms =
    [
        TextRule.Of("idiom-da", @"\b(dø|døde|dør|døende) af (grin|grine|sult|tørst|kedsomhed|nysgerrighed|skam|varme|kulde|træthed)\b"),
        TextRule.Of("idiom-da", @"\bved at dø af\b"),
        TextRule.Of("idiom-da", @"\b(griner|grinede|keder|kedede) mig (ihjel|til døde)\b"),
        TextRule.Of("idiom-en", @"\b(die|died|dying|dead) (of|from|with) (laughter|laughing|boredom|embarrassment|hunger|thirst|curiosity)\b"),
        TextRule.Of("idiom-en", @"\b(die|died|dying) laughing\b"),
        TextRule.Of("idiom-en", @"\b(dying|dies) to (see|meet|know|try|go|get|hear|tell)\b"),
        TextRule.Of("idiom-en", @"\b(bored|scared|worried|tickled) to death\b"),
        TextRule.Of("idiom-en", @"\bkill(ing)? for (a|an|some)\b"),
        TextRule.Of("idiom-en", @"\b(is|are|was|it's) killing (me|it)\b"),
        TextRule.Of("idiom-en", @"\bto die for\b"),
    ];

    private const string Want = @"(vil|ville|har lyst til at|ønsker at|ønsker mig at|planlagt at|planlægger at|klar til at|tænker på at|overvejer at|skal)";

    private static readonly TextRule[] Signals =
    [
        // Danish: suicidal thoughts and plans.
        TextRule.Of("suicide-da-word", @"\bselvmord\w*"),
        TextRule.Of("suicide-da-take-life", @"\b(tage|tager|tog|taget) (mit|mit eget|sit eget) liv\b|\btage livet af mig\b"),
        TextRule.Of("suicide-da-kill-self", @"\bslå mig (selv )?ihjel\b|\bhænge mig\b"),
        TextRule.Of("suicide-da-want-die", $@"\bjeg\b[^.!?]{{0,12}}\b{Want}\b[^.!?]{{0,20}}\bdø\b"),
        TextRule.Of("suicide-da-not-live", @"\bikke\b[^.!?]{0,20}\b(leve|eksistere|være til)\b(?! (med|af|uden|for|i|på)\b)"),
        TextRule.Of("suicide-da-not-here", @"\bikke\b[^.!?]{0,30}\bvære her\b[^.!?]{0,5}\b(længere|mere)\b"),
        TextRule.Of("suicide-da-not-wake", @"\b(ikke|aldrig)\b[^.!?]{0,20}\bvågne\w*\b[^.!?]{0,15}\b(igen|mere|i morgen|op)\b"),
        TextRule.Of("suicide-da-end", @"\bgøre en ende på (det hele|mit liv|livet|mig selv|det(?! her))\b"),
        TextRule.Of("suicide-da-burden", @"\b(ingen|ikke nogen)\b[^.!?]{0,15}\bsavne mig\b|\bbedre (uden|foruden) mig\b|\ber en byrde\b"),
        TextRule.Of("suicide-da-gone", @"\bhvis jeg (var|er) (væk|død)\b|\bforsvinde (for altid|for evigt)\b"),
        TextRule.Of("suicide-da-goodbye", @"\bafskedsbrev\w*|\bsige farvel (til alle|for altid)\b"),
        TextRule.Of("suicide-da-means", @"\b(samlet|sparet|gemt|hamstret|købt)\b[^.!?]{0,15}\b(piller|tabletter|medicin)\b|\boverdosis\b|\bspringe (ud )?foran\b|\bhoppe ud (fra|af)\b"),
        TextRule.Of("suicide-da-tonight", @"\b(slut|ende det|gør det)\b[^.!?]{0,10}\bi aften\b"),
        // Danish: self-harm.
        TextRule.Of("self-harm-da", @"\b(skade|skader|skadede|skære|skærer|skar|brænde|brænder|brændte|slå|slår|slog|cutte|cutter) (i )?mig selv\b|\bgøre mig selv (ondt|fortræd|skade)\b|\bcutter\b|\bselvskad\w*"),
        // Danish: harm to others.
        TextRule.Of("harm-others-da", @"\bgøre (nogen|andre|ham|hende|dem) (fortræd|ondt|skade)\b|\bskade (nogen|andre|ham|hende|dem)\b|\b(slå|slår) (ham|hende|dem|nogen) ihjel\b|\bdræbe (nogen|ham|hende|dem)\b|\bhar et våben\b|\bhævne mig\b"),

        // English: suicidal thoughts and plans.
        TextRule.Of("suicide-en-word", @"\bsuicid\w*"),
        TextRule.Of("suicide-en-kill-self", @"\bkill(ing|ed)? myself\b|\btake my (own )?life\b|\bhang myself\b"),
        TextRule.Of("suicide-en-want-die", @"\bi\b[^.!?]{0,10}\b(want|wanna|am going|'m going|plan|am planning|'m planning|am ready|'m ready|wish|have a plan)\b[^.!?]{0,12}\bdie\b"),
        TextRule.Of("suicide-en-not-live", @"\b(don't|do not|no longer|never) (want|wanna|wish)( to)?\b[^.!?]{0,10}\b(be alive|live|exist|be here|go on)\b|\b(can't|cannot|can not) (go on|do this) (anymore|any more|living)\b"),
        TextRule.Of("suicide-en-not-wake", @"\b(didn't|did not|won't|wouldn't|never|don't want to)\b[^.!?]{0,10}\bwake up\b"),
        TextRule.Of("suicide-en-end", @"\bend (it all|my life|everything|it tonight|it for good)\b|\bending (it all|my life)\b|\bend it\b[^.!?]{0,10}\btonight\b"),
        TextRule.Of("suicide-en-burden", @"\bbetter off without me\b|\b(nobody|no one|noone) would (miss|care|notice)\b|\bi'?m a burden\b"),
        TextRule.Of("suicide-en-gone", @"\b(wish|hope) i (was|were) dead\b|\bdisappear (for good|forever)\b|\bif i (was|were) gone\b"),
        TextRule.Of("suicide-en-goodbye", @"\b(goodbye|suicide) (note|letter)\b"),
        TextRule.Of("suicide-en-means", @"\b(saving|saved|stockpiling|collecting|collected|hoarding)( up)?\b[^.!?]{0,10}\b(pills|tablets|meds|medication)\b|\boverdos\w*"),
        // English: self-harm.
        TextRule.Of("self-harm-en", @"\b(hurt|hurting|harm|harming|cut|cutting|burn|burning|burned|burnt) myself\b|\bself[- ]?harm\w*"),
        // English: harm to others.
        TextRule.Of("harm-others-en", @"\b(hurt|harm|kill|attack) (someone|somebody|him|her|them|people|others|anyone)\b|\b(have|got|bought) a (gun|weapon)\b"),
    ];

    /// <summary>The id of the first signal rule that matched, or null when the message shows none.</summary>
    public string? Detect(string message)
    {
        var text = TextNormalizer.Normalize(message);
        foreach (var idiom in Idioms)
            text = idiom.Pattern.Replace(text, " ");
        foreach (var signal in Signals)
        {
            if (signal.Pattern.IsMatch(text))
                return signal.Id;
        }
        return null;
    }
}

using PeerBot.Dialogs.Safety.Rules;

namespace PeerBot.Dialogs.Safety;

/// <summary>
/// One safety detector: its rules (dialogs/Safety/&lt;name&gt;.rules) and the learned model beside them
/// (dialogs/Safety/Models/&lt;name&gt;.model.zip). Either one flagging is a flag. The answer names what flagged, a
/// rule's id or "model", so logs and a content writer can tell why; the text itself is never part of it.
/// </summary>
public sealed class SafetyCheck(RuleBook rules, TextModel? model)
{
    /// <summary>What a flag by the model is called.</summary>
    public const string ModelId = "model";

    public RuleBook Rules { get; } = rules;

    public TextModel? Model { get; } = model;

    /// <summary>The id of the rule that flagged the text, "model", or null when nothing did.</summary>
    public string? Find(string text)
    {
        var reading = Rules.Read(text);
        if (Rules.FirstMatch(reading) is { } rule)
            return rule.Id;
        return Model?.Flags(reading) == true ? ModelId : null;
    }

    /// <summary>The built-in rules and model of a detector ("crisis", "phrasing"); the model is optional.</summary>
    public static SafetyCheck LoadBuiltIn(string name)
    {
        var rules = RuleBook.LoadBuiltIn(name + ".rules");
        var assembly = typeof(SafetyCheck).Assembly;
        using var model = assembly.GetManifestResourceStream($"safety/{name}.model.zip");
        using var info = assembly.GetManifestResourceStream($"safety/{name}.model.json");
        if (model is null || info is null)
            return new SafetyCheck(rules, null);
        using var reader = new StreamReader(info);
        return new SafetyCheck(rules, TextModel.Load(model, ModelInfo.FromJson(reader.ReadToEnd())));
    }
}

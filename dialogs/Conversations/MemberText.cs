using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Dialogs.Conversations;

/// <summary>
/// Anything a member typed. Printing or logging one shows only its length; <see cref="Reveal"/> is the one way in,
/// so every place that reads a member's words is easy to find.
/// </summary>
[JsonConverter(typeof(MemberTextJsonConverter))]
public sealed class MemberText(string value)
{
    public string Reveal() => value;

    public int Length => value.Length;

    public bool IsBlank => string.IsNullOrWhiteSpace(value);

    public override string ToString() => $"[member text, {value.Length} chars]";
}

internal sealed class MemberTextJsonConverter : JsonConverter<MemberText>
{
    public override MemberText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, MemberText value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Reveal());
}

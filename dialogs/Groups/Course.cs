using System.Text.Json;
using PeerBot.Dialogs.Content;

namespace PeerBot.Dialogs.Groups;

/// <summary>One weekly reflection question, in every language, with its CHIME tags (C, H, I, M, E).</summary>
public sealed record CourseQuestion(string Id, IReadOnlyList<string> Chime, string Da, string En)
{
    public string In(string language) => language == Languages.English ? En : Da;
}

/// <summary>One session of a course: its number, its theme per language, and the questions for the week after it.</summary>
public sealed record CourseSession(int Number, IReadOnlyDictionary<string, string> Theme, IReadOnlyList<CourseQuestion> Questions);

/// <summary>
/// A course template such as "Vejen til hverdagslivet": the sessions, their themes and the weekly questions. It is
/// content (&lt;id&gt;.course.json), not code: the trial version had 10 sessions, the current one 11.
/// </summary>
public sealed record Course(string Id, int Version, IReadOnlyDictionary<string, string> Name, IReadOnlyList<CourseSession> Sessions)
{
    public const string DefaultId = "vejen-til-hverdagslivet";

    private static readonly string[] ChimeTags = ["C", "H", "I", "M", "E"];

    /// <summary>The course files built into PeerBot.Dialogs, checked: every session numbered in order, themes and questions in every language.</summary>
    public static IReadOnlyDictionary<string, Course> LoadBuiltIn()
    {
        var assembly = typeof(Course).Assembly;
        var courses = new Dictionary<string, Course>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("courses/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var course = JsonSerializer.Deserialize<Course>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidContentException($"{name}: empty");
            Check(name["courses/".Length..], course);
            courses[course.Id] = course;
        }
        return courses;
    }

    private static void Check(string file, Course course)
    {
        if (course.Sessions.Count == 0)
            throw new InvalidContentException($"{file}: no sessions");
        for (var i = 0; i < course.Sessions.Count; i++)
        {
            var session = course.Sessions[i];
            if (session.Number != i + 1)
                throw new InvalidContentException($"{file}: session {i + 1} is numbered {session.Number}");
            foreach (var language in Languages.All)
            {
                if (string.IsNullOrWhiteSpace(session.Theme.GetValueOrDefault(language)))
                    throw new InvalidContentException($"{file}: session {session.Number} has no theme in '{language}'");
            }
            if (session.Questions.Count == 0)
                throw new InvalidContentException($"{file}: session {session.Number} has no questions");
            foreach (var question in session.Questions)
            {
                if (string.IsNullOrWhiteSpace(question.Da) || string.IsNullOrWhiteSpace(question.En))
                    throw new InvalidContentException($"{file}: question '{question.Id}' lacks a language");
                if (question.Chime.Count == 0 || question.Chime.Any(tag => !ChimeTags.Contains(tag)))
                    throw new InvalidContentException($"{file}: question '{question.Id}' needs CHIME tags from C, H, I, M, E");
            }
        }
    }
}

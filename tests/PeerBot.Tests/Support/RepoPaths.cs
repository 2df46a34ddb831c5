namespace PeerBot.Tests.Support;

/// <summary>Where the repository is: tests read only what it holds.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PeerBot.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("PeerBot.sln not found above " + AppContext.BaseDirectory);
    }
}

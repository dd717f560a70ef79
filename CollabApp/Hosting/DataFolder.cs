namespace CollabApp.Hosting;

/// <summary>The folder for the embedded database and generated development keys.</summary>
public static class DataFolder
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment, string fileName)
    {
        var configured = configuration[$"{CollabOptions.SectionName}:DataPath"];
        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}

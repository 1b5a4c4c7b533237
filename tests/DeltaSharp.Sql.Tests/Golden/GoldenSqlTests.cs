using DeltaSharp.TestSupport;

namespace DeltaSharp.Sql.Tests.Golden;

/// <summary>Runs every tests/sql/**/*.sql golden file (format: tests/sql/README.md).</summary>
public sealed class GoldenSqlTests
{
    private static string SqlDir => Path.Combine(RepoPaths.RepoRoot, "tests", "sql");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(SqlDir, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(SqlDir, f).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GoldenFile_ProducesExpectedRowsAndErrors(string file)
    {
        var text = File.ReadAllText(Path.Combine(SqlDir, file));
        var failures = new GoldenRunner().Run(text, file);
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s) in {file}:\n\n" + string.Join("\n", failures));
    }

    [Fact]
    public void GoldenFiles_Exist()
    {
        Assert.NotEmpty(Files());
    }
}

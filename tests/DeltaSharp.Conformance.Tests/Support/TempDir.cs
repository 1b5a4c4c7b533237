namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>A fresh folder under the system temp dir, deleted on dispose. Tests that change a corpus table (file
/// times, new commits) work on a copy made here, never on shared/.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix ?? "deltasharp-conf"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Copies <paramref name="source"/> recursively into <paramref name="target"/>.</summary>
    public static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            File.Copy(file, to, overwrite: true);
            File.SetAttributes(to, FileAttributes.Normal);
        }
    }
}

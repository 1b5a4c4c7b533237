namespace DeltaSharp.Engine.Tests;

/// <summary>A fresh warehouse folder under the temp directory, deleted on dispose.</summary>
internal sealed class TempWarehouse : IDisposable
{
    public TempWarehouse() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deltasharp-engine-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

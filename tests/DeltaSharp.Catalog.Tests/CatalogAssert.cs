namespace DeltaSharp.Catalog.Tests;

internal static class CatalogAssert
{
    /// <summary>Runs <paramref name="action"/> and checks it fails with <paramref name="errorClass"/>.</summary>
    public static CatalogException Throws(string errorClass, Action action)
    {
        var e = Assert.Throws<CatalogException>(action);
        Assert.Equal(errorClass, e.ErrorClass);
        Assert.StartsWith($"[{errorClass}] ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($" SQLSTATE: {e.SqlState}", e.Message, StringComparison.Ordinal);
        return e;
    }

    public static CatalogException Throws(string errorClass, Func<object?> action) => Throws(errorClass, () => { _ = action(); });
}

namespace DeltaSharp.Catalog;

/// <summary>
/// A catalog error with a stable error class (<see cref="CatalogErrorClass"/>). The message follows Spark's layout,
/// <c>[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`default`.`t` cannot be found. … SQLSTATE: 42P01</c>, and says
/// what to do. <see cref="Parameters"/> holds the message parameters by Spark's names (<c>relationName</c>,
/// <c>schemaName</c>, <c>catalogName</c>, …) so that a caller can word the message differently.
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException(string errorClass, string detail, IReadOnlyDictionary<string, string>? parameters = null, Exception? inner = null)
        : base($"[{errorClass}] {detail} SQLSTATE: {CatalogErrorClass.SqlStateOf(errorClass)}", inner)
    {
        ErrorClass = errorClass;
        Detail = detail;
        Parameters = parameters ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public CatalogException() : this(CatalogErrorClass.TableOrViewNotFound, "The table or view cannot be found.") { }

    public CatalogException(string message) : this(CatalogErrorClass.TableOrViewNotFound, message) { }

    public CatalogException(string message, Exception innerException)
        : this(CatalogErrorClass.CatalogStoreUnsupported, message, null, innerException) { }

    /// <summary>The error class, one of <see cref="CatalogErrorClass"/>.</summary>
    public string ErrorClass { get; }

    /// <summary>The SQLSTATE Spark gives the error class.</summary>
    public string SqlState => CatalogErrorClass.SqlStateOf(ErrorClass);

    /// <summary>The message without the error class and SQLSTATE.</summary>
    public string Detail { get; }

    /// <summary>Message parameters by Spark's names, e.g. <c>relationName</c> = <c>`main`.`default`.`t`</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }
}

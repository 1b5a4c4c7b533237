namespace DeltaSharp.Catalog;

/// <summary>How a clone was made (CREATE TABLE … SHALLOW | DEEP CLONE).</summary>
public enum CloneKind
{
    /// <summary>The clone's log points at the source's data files: VACUUM of the source must keep them.</summary>
    Shallow,

    /// <summary>The clone copied the data files: it does not depend on the source.</summary>
    Deep,
}

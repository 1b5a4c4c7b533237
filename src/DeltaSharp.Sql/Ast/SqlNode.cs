using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeltaSharp.Sql.Ast;

/// <summary>
/// Where a node or token sits in the SQL text: a 0-based character <see cref="Offset"/> and <see cref="Length"/>, and
/// the 1-based <see cref="Line"/> and <see cref="Column"/> of its first character (columns count UTF-16 chars).
/// Spark reports the column as a 0-based <c>pos</c>; <see cref="SparkPos"/> gives that form.
/// </summary>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    /// <summary>The offset just past the last character.</summary>
    public int End => Offset + Length;

    /// <summary>Spark's 0-based position in the line (<c>(line 1, pos 7)</c>).</summary>
    public int SparkPos => Column - 1;

    public override string ToString() => $"line {Line}, column {Column} (offset {Offset}, length {Length})";
}

/// <summary>
/// Base of every syntax tree node. Nodes are immutable records that compare structurally; the source
/// <see cref="Span"/> is deliberately left out of equality so that trees built by hand (tests, rewrites) equal parsed
/// ones. Thread-safe to share.
/// </summary>
public abstract record SqlNode
{
    /// <summary>Where the node was written; <c>default</c> for nodes not produced by the parser.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Structural equality of the node's own members; <see cref="Span"/> is ignored.</summary>
    public virtual bool Equals(SqlNode? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>Prints the node as Spark SQL text that parses back to an equal tree.</summary>
    public string ToSql() => SqlPrinter.Print(this);

    /// <summary>Leaves <see cref="Span"/> out of the record's <c>ToString</c>: printed trees show structure only.</summary>
    protected virtual bool PrintMembers(StringBuilder builder) => false;
}

/// <summary>Factory used by collection expressions (<c>NodeList&lt;SqlExpression&gt; x = [a, b];</c>).</summary>
public static class NodeList
{
    public static NodeList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? NodeList<T>.Empty : new NodeList<T>(items.ToArray());
}

/// <summary>
/// An immutable list with structural equality, so that records holding lists compare by content.
/// </summary>
[CollectionBuilder(typeof(NodeList), nameof(NodeList.Create))]
public sealed class NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly T[] _items;

    /// <summary>The empty list.</summary>
    public static readonly NodeList<T> Empty = new([]);

    internal NodeList(T[] items) => _items = items;

    public NodeList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
    }

    public int Count => _items.Length;
    public T this[int index] => _items[index];
    public bool IsEmpty => _items.Length == 0;
    public ReadOnlySpan<T> AsSpan() => _items;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(NodeList<T>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (other._items.Length != _items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
            if (!comparer.Equals(_items[i], other._items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is NodeList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(_items.Length);
        foreach (var item in _items) h.Add(item);
        return h.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    public static bool operator ==(NodeList<T>? left, NodeList<T>? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(NodeList<T>? left, NodeList<T>? right) => !(left == right);
}

/// <summary>
/// One name part as written, with backquotes removed (<c>`my col`</c> → <c>my col</c>). Case is kept; Spark resolves
/// names case-insensitively.
/// </summary>
public sealed record Identifier(string Value) : SqlNode
{
    public static implicit operator Identifier(string value) => new(value);

    public override string ToString() => Value;
}

/// <summary>A dotted name: <c>catalog.schema.table</c>, a nested column <c>a.b</c>, a function <c>db.fn</c>.</summary>
public sealed record QualifiedName(NodeList<Identifier> Parts) : SqlNode
{
    public QualifiedName(params string[] parts) : this(new NodeList<Identifier>(parts.Select(p => new Identifier(p)))) { }

    /// <summary>The last part (the object's own name).</summary>
    public string Name => Parts[^1].Value;

    /// <summary>The parts joined by dots, unquoted (for messages).</summary>
    public override string ToString() => string.Join('.', Parts.Select(p => p.Value));
}

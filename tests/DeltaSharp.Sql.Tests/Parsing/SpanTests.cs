using System.Collections;
using System.Reflection;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>Every node the parser builds carries a position inside the text it came from.</summary>
public sealed class SpanTests
{
    private static IEnumerable<SqlNode> Descendants(SqlNode node)
    {
        yield return node;
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name is "EqualityContract" || property.GetIndexParameters().Length > 0) continue;
            var value = property.GetValue(node);
            if (value is SqlNode child)
            {
                foreach (var d in Descendants(child)) yield return d;
            }
            else if (value is IEnumerable list and not string)
            {
                foreach (var item in list)
                {
                    var nodes = item is IEnumerable inner and not string ? inner.OfType<SqlNode>() : item is SqlNode n ? [n] : [];
                    foreach (var child2 in nodes)
                        foreach (var d in Descendants(child2)) yield return d;
                }
            }
        }
    }

    [Fact]
    public void EveryNode_OfGeneratedStatements_HasASpanInsideTheText()
    {
        var visited = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var sql = new SqlGenerator(seed).Statement(3);
            var statement = Parser.ParseStatement(sql);
            foreach (var node in Descendants(statement))
            {
                visited++;
                Assert.True(node.Span.Line >= 1 && node.Span.Column >= 1, $"seed {seed}: {node.GetType().Name} has no span in: {sql}");
                Assert.True(node.Span.Offset >= 0 && node.Span.End <= sql.Length, $"seed {seed}: {node.GetType().Name} span {node.Span} outside the text");
            }
        }
        Assert.True(visited > 5_000, $"only {visited} nodes visited");
    }

    [Fact]
    public void ColumnReference_SpanCoversTheQualifiedName()
    {
        var sql = "SELECT x FROM t WHERE t.`my col` > 1";
        var where = Assert.IsType<BinaryExpression>(Assert.IsType<SelectQuery>(Parser.ParseQuery(sql).Body).Where);
        Assert.Equal("t.`my col`", sql.Substring(where.Left.Span.Offset, where.Left.Span.Length));
    }
}

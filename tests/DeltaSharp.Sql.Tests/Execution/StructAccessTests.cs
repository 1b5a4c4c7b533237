using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Execution;

public sealed class StructAccessTests
{
    private static readonly StructType Address = new(new StructField("city", DataType.String), new StructField("zip", DataType.Integer));

    private static readonly Catalog.InMemoryTableProvider Tables = TestTables.With("people",
        new StructType(new StructField("name", DataType.String), new StructField("address", Address)),
        ["ann", new object?[] { "Oslo", 150 }],
        ["bob", null],
        ["cid", new object?[] { null, 75 }]);

    [Fact]
    public void FieldAccess_ReadsTheField_AndIsNullForANullStruct()
    {
        var rows = Tables.Rows("SELECT name, address.city, people.address.zip FROM people ORDER BY name");
        Assert.Equal(["ann|Oslo|150", "bob||", "cid||75"], rows.Select(r => $"{r[0]}|{r[1]}|{r[2]}"));
    }

    [Fact]
    public void FieldAccess_CanBeFilteredAndGrouped()
    {
        var rows = Tables.Rows("SELECT address.city IS NULL AS missing, count(*) FROM people WHERE address.zip > 100 OR address IS NULL GROUP BY 1 ORDER BY 1");
        Assert.Equal(["False|1", "True|1"], rows.Select(r => $"{r[0]}|{r[1]}"));
    }

    [Fact]
    public void StructStar_ExpandsTheFields()
    {
        var result = Tables.Run("SELECT address.* FROM people WHERE name = 'ann'");
        Assert.Equal(["city", "zip"], result.Schema.Fields.Select(f => f.Name));
        Assert.Equal(["Oslo", 150], result.ToRows().Single());
    }

    [Fact]
    public void MissingField_IsFieldNotFound()
    {
        var e = Assert.Throws<SqlAnalysisException>(() => Tables.Run("SELECT address.street FROM people"));
        Assert.Equal("FIELD_NOT_FOUND", e.ErrorClass);
    }
}

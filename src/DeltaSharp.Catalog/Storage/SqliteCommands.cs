using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog.Storage;

/// <summary>Small helpers to run parameterised statements inside the current transaction.</summary>
internal static class SqliteCommands
{
    /// <summary>A command on <paramref name="tx"/> with <c>$name</c> parameters bound from
    /// <paramref name="parameters"/> (null binds SQL NULL).</summary>
    public static SqliteCommand Command(this SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public static int Execute(this SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = tx.Command(sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static long ScalarLong(this SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = tx.Command(sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Maps every row of the query with <paramref name="map"/>.</summary>
    public static List<T> Query<T>(this SqliteTransaction tx, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var cmd = tx.Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>The first row mapped with <paramref name="map"/>, or default.</summary>
    public static T? QuerySingle<T>(this SqliteTransaction tx, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        using var cmd = tx.Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableLong(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>UTC ticks → instant (the store keeps times as ticks for an exact round trip).</summary>
    public static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);
}

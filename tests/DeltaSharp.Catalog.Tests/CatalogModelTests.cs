using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Catalog.Tests;

/// <summary>
/// Random sequences of CREATE / DROP / UNDROP [WITH ID] / RENAME / purge / time passing on a few names (in random
/// case), checked after every step against a small in-memory model of Unity Catalog's rules: one live table per
/// case-insensitive name, a drop frees the name, UNDROP restores the most recent drop within 7 days unless the name is
/// taken, a purge removes drops older than 7 days.
/// </summary>
public sealed class CatalogModelTests
{
    private static readonly string[] Keys = ["claims", "members"];
    // Whole days, so that some steps land exactly on a drop's retention boundary.
    private static readonly TimeSpan[] Steps = [TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7)];
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    [Fact]
    public void RandomOperationSequences_AgreeWithTheModel()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            RunSequence(seed, steps: 60);
            return true;
        }));
    }

    private sealed record Dropped(Guid Id, string Key, DateTimeOffset At);

    private static void RunSequence(int seed, int steps)
    {
        var random = new Random(seed);
        var root = Directory.CreateTempSubdirectory("ds-catalog-model-").FullName;
        var clock = new ManualClock(TestWarehouse.Start);
        try
        {
            using var catalog = SqliteCatalog.Open(CatalogOptions.ForWarehouse(root) with { Time = clock });
            var schema = new SchemaName("main", "default");
            var live = new Dictionary<string, Guid>();
            var dropped = new List<Dropped>();      // in drop order
            var log = new List<string>();

            for (var step = 0; step < steps; step++)
            {
                var key = Keys[random.Next(Keys.Length)];
                var name = schema.Table(RandomCase(random, key));
                var op = random.Next(9);
                log.Add($"{op} {name.Table} @ {clock.GetUtcNow():O}");
                var context = $"seed {seed}, steps:\n  " + string.Join("\n  ", log);
                switch (op)
                {
                    case 0 or 1 or 7:
                    {
                        var created = catalog.TryCreateTable(TableDefinition.Managed(name), "u", out var entry);
                        Assert.True(created == !live.ContainsKey(key), context);
                        if (created) live[key] = entry.Id;
                        else Assert.Equal(live[key], entry.Id);
                        break;
                    }
                    case 2:
                    {
                        var result = catalog.DropTable(name, "u", ifExists: true);
                        if (live.Remove(key, out var id))
                        {
                            Assert.Equal(id, result?.Id);
                            dropped.Add(new Dropped(id, key, clock.GetUtcNow()));
                        }
                        else Assert.Null(result);
                        break;
                    }
                    case 3:
                    {
                        var latest = dropped.LastOrDefault(d => d.Key == key);
                        var expected = latest is null || clock.GetUtcNow() >= latest.At + Retention
                            ? CatalogErrorClass.TableOrViewNotFound
                            : live.ContainsKey(key) ? CatalogErrorClass.TableOrViewAlreadyExists : null;
                        if (expected is null)
                        {
                            Assert.Equal(latest!.Id, catalog.UndropTable(name).Id);
                            dropped.Remove(latest);
                            live[key] = latest.Id;
                        }
                        else Assert.Equal(expected, Assert.Throws<CatalogException>(() => catalog.UndropTable(name)).ErrorClass);
                        break;
                    }
                    case 4 when dropped.Count > 0:
                    {
                        var target = dropped[random.Next(dropped.Count)];
                        var expected = clock.GetUtcNow() >= target.At + Retention
                            ? CatalogErrorClass.TableOrViewNotFound
                            : live.ContainsKey(target.Key) ? CatalogErrorClass.TableOrViewAlreadyExists : null;
                        if (expected is null)
                        {
                            Assert.Equal(target.Id, catalog.UndropTable(target.Id).Id);
                            dropped.Remove(target);
                            live[target.Key] = target.Id;
                        }
                        else Assert.Equal(expected, Assert.Throws<CatalogException>(() => catalog.UndropTable(target.Id)).ErrorClass);
                        break;
                    }
                    case 5:
                    {
                        var toKey = Keys[random.Next(Keys.Length)];
                        var to = schema.Table(RandomCase(random, toKey));
                        var expected = !live.ContainsKey(key) ? CatalogErrorClass.TableOrViewNotFound
                            : toKey != key && live.ContainsKey(toKey) ? CatalogErrorClass.TableOrViewAlreadyExists : null;
                        if (expected is null)
                        {
                            var id = live[key];
                            Assert.Equal(id, catalog.RenameTable(name, to).Id);
                            live.Remove(key);
                            live[toKey] = id;
                        }
                        else Assert.Equal(expected, Assert.Throws<CatalogException>(() => catalog.RenameTable(name, to)).ErrorClass);
                        break;
                    }
                    case 6:
                    {
                        var expired = dropped.Where(d => clock.GetUtcNow() >= d.At + Retention).Select(d => d.Id).ToHashSet();
                        Assert.Equal(expired, catalog.PurgeExpiredDroppedTables().Select(t => t.Id).ToHashSet());
                        dropped.RemoveAll(d => expired.Contains(d.Id));
                        break;
                    }
                    default:
                        clock.Advance(Steps[random.Next(Steps.Length)]);
                        break;
                }

                Assert.Equal(
                    live.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
                    catalog.ListTables(schema).Select(t => t.Id));
                var recoverable = dropped.Where(d => clock.GetUtcNow() < d.At + Retention).Reverse().Select(d => d.Id);
                Assert.Equal(recoverable, catalog.ListDroppedTables(schema).Select(t => t.Id));
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string RandomCase(Random random, string key) =>
        string.Concat(key.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c));
}

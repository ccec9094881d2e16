using Npgsql;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>The kept open counts (<c>open_item_counts</c>) against the items themselves.</summary>
public static class KeptCounts
{
    /// <summary>Every school and kind whose kept open count differs from its open items, as "school kind kept/counted".</summary>
    public static Task<List<string>> DifferencesAsync(NpgsqlDataSource dataSource) =>
        SqlRows.ListAsync(dataSource,
            """
            SELECT school_code || ' ' || kind || ' ' || COALESCE(k.n, 0) || '/' || COALESCE(l.n, 0)
              FROM (SELECT school_code, kind, sum(count) AS n FROM open_item_counts GROUP BY school_code, kind HAVING sum(count) <> 0) k
              FULL JOIN (SELECT school_code, kind, count(*) AS n FROM mismatches WHERE status = 'open' GROUP BY school_code, kind) l
                   USING (school_code, kind)
             WHERE k.n IS DISTINCT FROM l.n
             ORDER BY 1
            """);

    public static async Task AssertMatchItemsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Empty(await DifferencesAsync(dataSource));
    }
}

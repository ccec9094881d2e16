using Npgsql;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>Reading a query's first column as text, in ordinal order, for tests that compare what a table holds.</summary>
internal static class SqlRows
{
    public static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }
}

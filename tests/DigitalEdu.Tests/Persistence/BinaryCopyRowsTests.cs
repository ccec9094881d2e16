using System.Text.Json;
using DigitalEdu.Data;
using DigitalEdu.Domain.Model;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>Every field type staging writes, sent by raw binary COPY and read back by PostgreSQL's own receive functions.</summary>
public sealed class BinaryCopyRowsTests
{
    [Fact]
    public async Task Every_type_round_trips_through_PostgreSQL_nulls_and_empty_arrays_included()
    {
        var connectionString = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("copy");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE t (n int, v varchar(40), x text, b boolean, i int, l bigint, d date, ts timestamptz, u uuid, a text[], j json)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var id = Guid.Parse("0190f0c2-3b1e-7d4a-9c2b-5e6f7a8b9c0d");
        var instant = new DateTimeOffset(2026, 11, 20, 8, 2, 3, 456, TimeSpan.FromHours(7)).AddTicks(7890);
        using (var rows = new BinaryCopyRows(initialCapacity: 16))
        {
            rows.StartRow(11);
            rows.Integer(1);
            rows.Text("Nguyễn Thị Thu Hà");
            rows.Text(new string('ư', 5000));
            rows.Boolean(true);
            rows.Integer(-42);
            rows.BigInteger(long.MaxValue);
            rows.Date(new DateOnly(1999, 12, 31));
            rows.Timestamp(instant);
            rows.Uuid(id);
            rows.TextArray(["HO_TEN", "NGAY_SINH"]);
            rows.Json("""{"nhomMau": "O", "chieuCao": 148.5}""");

            rows.StartRow(11);
            rows.Integer(2);
            rows.Text(null);
            rows.Text("");
            rows.Boolean(false);
            rows.Integer(null);
            rows.BigInteger(0);
            rows.Date(null);
            rows.Timestamp(null);
            rows.Uuid(Guid.Empty);
            rows.TextArray([]);
            rows.Json(null);

            Assert.Equal(2, rows.Rows);
            await rows.CopyAsync(connection, "COPY t FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        }

        await using var read = new NpgsqlCommand("SELECT * FROM t ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Nguyễn Thị Thu Hà", reader.GetString(1));
        Assert.Equal(new string('ư', 5000), reader.GetString(2));
        Assert.True(reader.GetBoolean(3));
        Assert.Equal(-42, reader.GetInt32(4));
        Assert.Equal(long.MaxValue, reader.GetInt64(5));
        Assert.Equal(new DateOnly(1999, 12, 31), reader.GetFieldValue<DateOnly>(6));
        Assert.Equal(instant.UtcDateTime.AddTicks(-(instant.UtcTicks % 10)), reader.GetFieldValue<DateTime>(7));
        Assert.Equal(id, reader.GetGuid(8));
        Assert.Equal(["HO_TEN", "NGAY_SINH"], reader.GetFieldValue<string[]>(9));
        Assert.Equal("""{"nhomMau": "O", "chieuCao": 148.5}""", reader.GetString(10));

        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(1));
        Assert.Equal("", reader.GetString(2));
        Assert.False(reader.GetBoolean(3));
        Assert.True(reader.IsDBNull(4));
        Assert.True(reader.IsDBNull(6));
        Assert.True(reader.IsDBNull(7));
        Assert.Equal(Guid.Empty, reader.GetGuid(8));
        Assert.Empty(reader.GetFieldValue<string[]>(9));
        Assert.True(reader.IsDBNull(10));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Json_serialized_into_a_row_is_the_text_the_serializer_writes_however_the_buffer_grows()
    {
        var connectionString = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("copyjson");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE t (n int, j json, x text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var findings = new HealthFindings
        {
            ExamDate = new DateOnly(2026, 9, 15),
            HeightCm = 148.50m,
            WeightKg = 41.2m,
            BloodGroup = "O",
            EyeCondition = "Cận thị nhẹ",
            SpineCondition = "Bình thường \"cong\"",
            CanSwim = true,
        };
        var longer = findings with { CongenitalCondition = new string('ư', 3000) };

        // A buffer far smaller than one value: the serializer asks for room several times within a row.
        using (var rows = new BinaryCopyRows(initialCapacity: 16))
        {
            rows.StartRow(3);
            rows.Integer(1);
            rows.Json(findings, StoredJson.Default.HealthFindings);
            rows.Text("after");

            rows.StartRow(3);
            rows.Integer(2);
            rows.Json(longer, StoredJson.Default.HealthFindings);
            rows.Text("after");
            await rows.CopyAsync(connection, "COPY t FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        }

        await using var read = new NpgsqlCommand("SELECT j::text, x FROM t ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync();
        foreach (var expected in new[] { findings, longer })
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(JsonSerializer.Serialize(expected), reader.GetString(0));
            Assert.Equal("after", reader.GetString(1));
        }

        Assert.False(await reader.ReadAsync());
    }
}

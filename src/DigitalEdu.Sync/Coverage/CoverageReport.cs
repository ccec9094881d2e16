using System.Text.Json;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Npgsql;

namespace DigitalEdu.Sync.Coverage;

public enum CoverageGrouping
{
    School,
    Commune,
    Level,
    Province,
}

/// <summary>The figures of one group, as the provinces' year-end reports count them.</summary>
public sealed record CoverageRow(
    string Key, string? Name, int Persons, int Students, int Staff, int WithPersonalId, int Verified, int HealthCurrent,
    int OpenTotal, IReadOnlyDictionary<string, int> OpenItems);

/// <summary>One point of the trend: a full-province run and the province's figures after it.</summary>
public sealed record CoveragePoint(Guid RunId, DateTimeOffset TakenAt, int Persons, int WithPersonalId, int Verified, int HealthCurrent, int OpenTotal);

/// <summary>
/// Coverage now: the latest snapshot of every school (persons, IDs, verification, health, as the last run that covered it
/// counted them) with the open items counted live, so the totals agree with the item lists at any moment.
/// </summary>
public sealed class CoverageReport(NpgsqlDataSource dataSource)
{
    // The figures of each school and person kind as the last run that covered it left them: a school re-run's newer
    // snapshot replaces that school's part of the province run's.
    /// <summary>
    /// The latest snapshot of each school in scope (<c>@schools</c>, null for the province) and person kind, looked up school by
    /// school on the (school, taken) index: it costs the same however long the history grows, where a DISTINCT ON over every
    /// snapshot grows with each run.
    /// </summary>
    public const string LatestSnapshotsSql =
        $"""
        SELECT c.run_id, c.school_code, c.person_kind, c.taken_at, c.persons, c.with_personal_id, c.verified, c.health_current, c.open_items
          FROM schools s
         CROSS JOIN (VALUES ('{WireNames.Student}'), ('{WireNames.Staff}')) AS k(person_kind)
         CROSS JOIN LATERAL (SELECT * FROM coverage_snapshots c
                              WHERE c.school_code = s.code AND c.person_kind = k.person_kind
                              ORDER BY c.taken_at DESC
                              LIMIT 1) c
         WHERE @schools IS NULL OR s.code = ANY (@schools)
        """;

    /// <summary>The latest snapshot of every school and person kind in scope (<paramref name="visibleSchools"/> null: the province).</summary>
    public async Task<IReadOnlyList<CoverageSnapshot>> LatestSnapshotsAsync(IReadOnlySet<string>? visibleSchools, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LatestSnapshotsSql);
        AddSchools(command, visibleSchools);
        var snapshots = new List<CoverageSnapshot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshots.Add(new CoverageSnapshot
            {
                RunId = reader.GetGuid(0),
                SchoolCode = reader.GetString(1),
                PersonKind = reader.GetString(2),
                TakenAt = reader.GetFieldValue<DateTimeOffset>(3),
                Persons = reader.GetInt32(4),
                WithPersonalId = reader.GetInt32(5),
                Verified = reader.GetInt32(6),
                HealthCurrent = reader.GetInt32(7),
                OpenItems = reader.GetString(8),
            });
        }

        return snapshots;
    }

    public async Task<IReadOnlyList<CoverageRow>> CurrentAsync(
        CoverageGrouping grouping, IReadOnlySet<string>? visibleSchools, CancellationToken cancellationToken)
    {
        var key = grouping switch
        {
            CoverageGrouping.School => "c.school_code",
            CoverageGrouping.Commune => "COALESCE(sc.commune_code, '')",
            CoverageGrouping.Level => "COALESCE(sc.level, '')",
            _ => "''",
        };
        var name = grouping == CoverageGrouping.School ? "max(sc.name)" : "NULL";
        var sql =
            $"""
            WITH latest AS ({LatestSnapshotsSql}),
            roll AS (
                SELECT school_code, sum(persons) AS persons,
                       sum(persons) FILTER (WHERE person_kind = '{WireNames.Student}') AS students,
                       sum(persons) FILTER (WHERE person_kind = '{WireNames.Staff}') AS staff,
                       sum(with_personal_id) AS with_personal_id, sum(verified) AS verified, sum(health_current) AS health_current
                  FROM latest
                 GROUP BY school_code),
            open_by_school AS (
                SELECT school_code, jsonb_object_agg(kind, n) AS open_items
                  FROM (SELECT school_code, kind, sum(count)::int AS n
                          FROM open_item_counts
                         WHERE @schools IS NULL OR school_code = ANY (@schools)
                         GROUP BY school_code, kind
                        HAVING sum(count) <> 0) k
                 GROUP BY school_code),
            per_school AS (
                SELECT COALESCE(r.school_code, o.school_code) AS school_code,
                       COALESCE(r.persons, 0) AS persons, COALESCE(r.students, 0) AS students, COALESCE(r.staff, 0) AS staff,
                       COALESCE(r.with_personal_id, 0) AS with_personal_id, COALESCE(r.verified, 0) AS verified,
                       COALESCE(r.health_current, 0) AS health_current, COALESCE(o.open_items, jsonb_build_object()) AS open_items
                  FROM roll r FULL OUTER JOIN open_by_school o ON o.school_code = r.school_code)
            SELECT {key} AS key, {name} AS name,
                   sum(persons)::int, sum(students)::int, sum(staff)::int, sum(with_personal_id)::int,
                   sum(verified)::int, sum(health_current)::int, jsonb_agg(open_items)
              FROM per_school c
              LEFT JOIN schools sc ON sc.code = c.school_code
             GROUP BY 1
             ORDER BY 1
            """;

        await using var command = dataSource.CreateCommand(sql);
        AddSchools(command, visibleSchools);
        var rows = new List<CoverageRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var openItems = SumKinds(reader.GetString(8));
            rows.Add(new CoverageRow(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), openItems.Values.Sum(), openItems));
        }

        return rows;
    }

    /// <summary>
    /// The last <c>@runs</c> finished province runs that left coverage, newest first, picked from the runs before any coverage
    /// is read: a trend reads the roll-ups of the runs it shows, not the whole history.
    /// </summary>
    private const string LastProvinceRunsSql =
        """
        SELECT r.id FROM sync_runs r
         WHERE r.school_code IS NULL AND r.finished_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM coverage_rollups u WHERE u.run_id = r.id)
         ORDER BY r.finished_at DESC
         LIMIT @runs
        """;

    public async Task<IReadOnlyList<CoveragePoint>> TrendAsync(int runs, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH runs AS ({LastProvinceRunsSql})
            SELECT u.run_id, max(u.taken_at), sum(u.persons)::int, sum(u.with_personal_id)::int, sum(u.verified)::int,
                   sum(u.health_current)::int,
                   COALESCE(sum((SELECT sum(value::int) FROM jsonb_each_text(u.open_items))), 0)::int
              FROM runs JOIN coverage_rollups u ON u.run_id = runs.id
             WHERE u.commune_code = '{Data.Entities.CoverageRollup.WholeProvince}'
             GROUP BY u.run_id
             ORDER BY max(u.taken_at) DESC
            """);
        command.Parameters.AddWithValue("runs", runs);
        var points = new List<CoveragePoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new CoveragePoint(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
        }

        points.Reverse();
        return points;
    }

    /// <summary>The <c>@schools</c> parameter of a query limited to the caller's schools: null (every school) for province-wide callers.</summary>
    public static void AddSchools(NpgsqlCommand command, IReadOnlySet<string>? visibleSchools) =>
        command.Parameters.Add(new NpgsqlParameter<string[]?>("schools", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            TypedValue = visibleSchools?.ToArray(),
        });

    /// <summary>Open items by kind summed over a JSON array of per-snapshot <c>{kind: count}</c> objects.</summary>
    public static Dictionary<string, int> SumKinds(string jsonArrayOfObjects)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in JsonDocument.Parse(jsonArrayOfObjects).RootElement.EnumerateArray())
        {
            foreach (var property in element.EnumerateObject())
            {
                totals[property.Name] = totals.GetValueOrDefault(property.Name) + property.Value.GetInt32();
            }
        }

        return totals;
    }
}

using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Coverage;
using Npgsql;

namespace DigitalEdu.Service.Features.Province;

/// <summary>
/// One school as the officer's drill-down counts it: who it is and where, its persons, valid IDs, verified records and pupils'
/// synced health exams as the last run covering it counted them, and its open items as they are now.
/// </summary>
public sealed record SchoolFigure(
    string Code, string Name, string? Level, string? CommuneCode, string? CommuneName,
    int Persons, int Students, int WithPersonalId, int Verified, int HealthCurrent, int Open);

/// <summary>
/// Reads <see cref="SchoolFigure"/> for every school in the caller's scope in one set-based query: the latest coverage snapshot of
/// each school and person kind, and the open items from their kept counts (<c>open_item_counts</c>). The levels above a
/// school (commune, province) are sums of these rows, so every level counts by one definition. Scoped to the request: a page
/// that shows several levels (the overview's communes and schools) reads them once.
/// </summary>
public sealed class SchoolFigures(NpgsqlDataSource dataSource)
{
    private (string Scope, IReadOnlyList<SchoolFigure> Rows)? read;

    private const string Sql =
        $"""
        WITH latest AS ({CoverageReport.LatestSnapshotsSql}),
        roll AS (
            SELECT school_code, sum(persons)::int AS persons,
                   COALESCE(sum(persons) FILTER (WHERE person_kind = '{WireNames.Student}'), 0)::int AS students,
                   sum(with_personal_id)::int AS with_personal_id, sum(verified)::int AS verified, sum(health_current)::int AS health_current
              FROM latest
             GROUP BY school_code),
        open_items AS (
            SELECT school_code, sum(count)::int AS open
              FROM open_item_counts
             WHERE @schools IS NULL OR school_code = ANY (@schools)
             GROUP BY school_code)
        SELECT s.code, s.name, s.level, s.commune_code, s.commune_name,
               COALESCE(r.persons, 0), COALESCE(r.students, 0), COALESCE(r.with_personal_id, 0), COALESCE(r.verified, 0),
               COALESCE(r.health_current, 0), COALESCE(o.open, 0)
          FROM schools s
          LEFT JOIN roll r ON r.school_code = s.code
          LEFT JOIN open_items o ON o.school_code = s.code
         WHERE @schools IS NULL OR s.code = ANY (@schools)
        """;

    public async Task<IReadOnlyList<SchoolFigure>> ReadAsync(UserScope scope, CancellationToken cancellationToken)
    {
        var scopeKey = scope.Schools is null ? "*" : string.Join(',', scope.Schools);
        if (read is { } earlier && earlier.Scope == scopeKey)
        {
            return earlier.Rows;
        }

        await using var command = dataSource.CreateCommand(Sql);
        CoverageReport.AddSchools(command, scope.Schools);
        var rows = new List<SchoolFigure>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SchoolFigure(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10)));
        }

        read = (scopeKey, rows);
        return rows;
    }
}

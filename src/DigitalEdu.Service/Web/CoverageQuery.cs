using System.Text.Json;
using DigitalEdu.Domain.Model;
using Npgsql;

namespace DigitalEdu.Service.Web;

/// <summary>The coverage figures of one school and person kind, in the shape of a coverage snapshot.</summary>
public sealed record CoverageRow(
    string SchoolCode, string PersonKind, int Persons, int WithPersonalId, int Verified, int HealthCurrent, IReadOnlyDictionary<string, int> OpenItems);

/// <summary>
/// Computes the coverage figures from the stored records and the queues, in one SQL query, for when no run has left coverage
/// snapshots yet. The definitions are the snapshot's: active persons on the SMS roll; of those, with a valid personal ID;
/// of those, matched by that ID to a national record verified against the population database; studying pupils with an SMS
/// health exam and no health item pending; open items by kind.
/// </summary>
public sealed class CoverageQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = $"""
        WITH sms AS (
            SELECT school_code, person_kind, source_key, personal_id_digits, id_present, id_defect
            FROM person_records
            WHERE source = 'sms' AND is_active AND (@school::text IS NULL OR school_code = @school)
        ),
        verified AS (
            SELECT DISTINCT person_kind, personal_id_digits
            FROM person_records
            WHERE source = 'national' AND is_active AND population_status = '{PopulationCheckStatus.Verified}' AND personal_id_digits IS NOT NULL
        ),
        examined AS (
            SELECT DISTINCT student_key FROM health_exams
        ),
        health_pending AS (
            SELECT DISTINCT substring(person_ref FROM 5) AS source_key
            FROM mismatches
            WHERE kind = '{MismatchKinds.HealthNotSynced}' AND status IN ('open', 'fixed_pending') AND person_ref LIKE 'sms:%'
        ),
        figures AS (
            SELECT s.school_code, s.person_kind,
                   count(*) AS persons,
                   count(*) FILTER (WHERE s.id_present AND s.id_defect IS NULL) AS with_id,
                   count(*) FILTER (WHERE s.id_present AND s.id_defect IS NULL AND v.personal_id_digits IS NOT NULL) AS verified,
                   count(*) FILTER (WHERE s.person_kind = 'student' AND x.student_key IS NOT NULL AND h.source_key IS NULL) AS health_current
            FROM sms s
            LEFT JOIN verified v ON v.person_kind = s.person_kind AND v.personal_id_digits = s.personal_id_digits
            LEFT JOIN examined x ON s.person_kind = 'student' AND x.student_key = s.source_key
            LEFT JOIN health_pending h ON s.person_kind = 'student' AND h.source_key = s.source_key
            GROUP BY s.school_code, s.person_kind
        ),
        open_items AS (
            SELECT school_code, person_kind, jsonb_object_agg(kind, n) AS items
            FROM (SELECT school_code, person_kind, kind, count(*) AS n
                  FROM mismatches
                  WHERE status = 'open' AND (@school::text IS NULL OR school_code = @school)
                  GROUP BY school_code, person_kind, kind) k
            GROUP BY school_code, person_kind
        )
        SELECT school_code, person_kind, coalesce(f.persons, 0), coalesce(f.with_id, 0), coalesce(f.verified, 0),
               coalesce(f.health_current, 0), coalesce(o.items, jsonb_build_object())::text
        FROM figures f FULL JOIN open_items o USING (school_code, person_kind)
        ORDER BY school_code, person_kind
        """;

    public async Task<IReadOnlyList<CoverageRow>> ComputeAsync(string? schoolCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string?>("school", schoolCode) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CoverageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CoverageRow(
                reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                (int)reader.GetInt64(5), ParseItems(reader.GetString(6))));
        }

        return rows;
    }

    public static IReadOnlyDictionary<string, int> ParseItems(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
}

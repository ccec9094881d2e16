using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Coverage;
using DigitalEdu.Sync.Reporting;
using Npgsql;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>A pupil on last year's roll who is in no system now.</summary>
public sealed record ExpectedPupil(
    string SchoolCode, string SchoolName, int? Grade, string? ClassName, string? FullName, DateOnly? DateOfBirth, string? MoetCode, string SmsKey);

/// <summary>The list, and the end-of-year cut-off whose roll it is made from (none before the first end of year was frozen).</summary>
public sealed record ExpectedBackResult(DateOnly? RollCutOff, IReadOnlyList<ExpectedPupil> Pupils);

/// <summary>
/// At the start of the year, the pupils expected back: studying on the SMS roll at the last end-of-year cut-off, not in the
/// last grade (12, who leave school), and in no system now, neither the SMS (by its key) nor any source by MOET code or
/// personal ID. A pupil who left with a reason (transferred out, dropped out) is still on the SMS with that status, so only
/// those who vanished without one are listed: the school records where they went, or enrols them again. Scoped to the
/// caller's schools (last year's school) and audited, as it lists children by name.
/// </summary>
public sealed class ExpectedBack(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>The last grade of school: pupils in it at the end of the year leave, and are not expected back.</summary>
    public const int LastGrade = 12;

    private static readonly string Sql =
        $"""
        WITH roll AS (
            SELECT s.id, s.cut_off FROM report_snapshots s
             WHERE s.period = '{ReportPeriods.EndOfYear}' AND EXISTS (SELECT 1 FROM year_end_rosters r WHERE r.snapshot_id = s.id)
             ORDER BY s.cut_off DESC, s.frozen_at DESC
             LIMIT 1)
        SELECT roll.cut_off, r.school_code, COALESCE(sc.name, r.school_code), r.grade, r.class_name, r.full_name, r.date_of_birth, r.moet_code, r.source_key
          FROM roll
          LEFT JOIN year_end_rosters r ON r.snapshot_id = roll.id
               AND (r.grade IS NULL OR r.grade < {LastGrade})
               AND (@schools IS NULL OR r.school_code = ANY (@schools))
               AND NOT EXISTS (SELECT 1 FROM person_records p
                                WHERE p.source = '{WireNames.Sms}' AND p.person_kind = '{WireNames.Student}' AND p.source_key = r.source_key)
               AND NOT (r.moet_code IS NOT NULL AND EXISTS (SELECT 1 FROM person_records p
                                WHERE p.person_kind = '{WireNames.Student}' AND p.moet_code = r.moet_code))
               AND NOT (r.personal_id_digits IS NOT NULL AND EXISTS (SELECT 1 FROM person_records p
                                WHERE p.person_kind = '{WireNames.Student}' AND p.personal_id_digits = r.personal_id_digits))
          LEFT JOIN schools sc ON sc.code = r.school_code
         ORDER BY r.school_code, r.class_name, r.full_name, r.source_key
        """;

    public async Task<ExpectedBackResult> HandleAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        CoverageReport.AddSchools(command, UserScope.From(user).Schools);
        DateOnly? cutOff = null;
        var pupils = new List<ExpectedPupil>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                cutOff = reader.GetFieldValue<DateOnly>(0);
                if (reader.IsDBNull(1))
                {
                    continue;
                }

                pupils.Add(new ExpectedPupil(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8)));
            }
        }

        await audit.WriteAsync(user, AuditAction.ListExpectedBack, null, null, $"{pupils.Count} pupils", cancellationToken);
        return new ExpectedBackResult(cutOff, pupils);
    }
}

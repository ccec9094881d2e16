using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using Npgsql;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>A record on the other side that may be the same person, with how much agrees.</summary>
public sealed record Candidate(
    string Source, string SourceKey, string? MoetCode, string SchoolCode, string? FullName, DateOnly? DateOfBirth, string? Gender,
    string? PersonalId, string? Status, int Score, IReadOnlyList<string> Agreeing);

/// <summary>
/// For records that could not be matched (no usable ID, no MOET code), proposes the likeliest counterpart on the other side by
/// normalised name, date of birth, gender and parents' names. It only proposes: a person decides, nothing is merged.
/// </summary>
public sealed class CandidateFinder(NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlySet<string> Kinds =
        new HashSet<string>(StringComparer.Ordinal) { MismatchKinds.MissingInNational, MismatchKinds.MissingInSms, MismatchKinds.IdMissing };

    // Weights: name and date of birth identify; gender and parents confirm. A candidate needs the name, or the date of birth
    // with a parent's name: a birth date and a gender alone match too many children to propose any of them.
    private const string Sql =
        """
        SELECT c.source, c.source_key, c.moet_code, c.school_code, c.full_name, c.date_of_birth, c.gender,
               COALESCE(c.personal_id_digits, c.personal_id_raw), c.status,
               (CASE WHEN c.full_name_key = s.full_name_key THEN 40 ELSE 0 END
              + CASE WHEN c.date_of_birth = s.date_of_birth THEN 30 ELSE 0 END
              + CASE WHEN c.gender = s.gender THEN 10 ELSE 0 END
              + CASE WHEN c.father_name_key IS NOT NULL AND c.father_name_key = s.father_name_key THEN 10 ELSE 0 END
              + CASE WHEN c.mother_name_key IS NOT NULL AND c.mother_name_key = s.mother_name_key THEN 10 ELSE 0 END) AS score,
               array_remove(ARRAY[
                   CASE WHEN c.full_name_key = s.full_name_key THEN 'fullName' END,
                   CASE WHEN c.date_of_birth = s.date_of_birth THEN 'dateOfBirth' END,
                   CASE WHEN c.gender = s.gender THEN 'gender' END,
                   CASE WHEN c.father_name_key IS NOT NULL AND c.father_name_key = s.father_name_key THEN 'fatherName' END,
                   CASE WHEN c.mother_name_key IS NOT NULL AND c.mother_name_key = s.mother_name_key THEN 'motherName' END], NULL)
          FROM person_records s
          JOIN person_records c ON c.source = @other AND c.person_kind = s.person_kind AND c.quarantine_reasons IS NULL
                               AND (c.full_name_key = s.full_name_key
                                    OR (c.date_of_birth = s.date_of_birth
                                        AND (c.father_name_key = s.father_name_key OR c.mother_name_key = s.mother_name_key)))
         WHERE s.source = @side AND s.person_kind = @kind AND s.source_key = @key
         ORDER BY score DESC, c.is_active DESC, c.updated_at DESC, c.source_key
         LIMIT @limit
        """;

    public async Task<IReadOnlyList<Candidate>> FindAsync(Mismatch item, int limit, CancellationToken cancellationToken)
    {
        if (!Kinds.Contains(item.Kind))
        {
            return [];
        }

        // The subject is the record the item is about: the SMS record, or for national-side items the national one
        // (whose key is its MOET code, HOC_SINH_ID / GIAO_VIEN_ID).
        var nationalSide = item.Side == WireNames.National;
        var key = nationalSide
            ? item.PersonRef.StartsWith("national:", StringComparison.Ordinal) ? item.PersonRef["national:".Length..] : item.MoetCode
            : item.SmsKey;
        if (key is null)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("side", nationalSide ? WireNames.National : WireNames.Sms);
        command.Parameters.AddWithValue("other", nationalSide ? WireNames.Sms : WireNames.National);
        command.Parameters.AddWithValue("kind", item.PersonKind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("limit", limit);
        var candidates = new List<Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new Candidate(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt32(9), reader.GetFieldValue<string[]>(10)));
        }

        return candidates;
    }
}

/// <summary>
/// A candidate as the API and pages show it: its personal ID masked. A candidate at a school outside the caller's schools
/// shows only which system holds it at which school (<see cref="OutsideScope"/>): no key, name, birth date or ID.
/// </summary>
public sealed record CandidateView(
    string Source, string? SourceKey, string? MoetCode, string SchoolCode, string? FullName, DateOnly? DateOfBirth, string? Gender,
    string? PersonalId, string? Status, int? Score, IReadOnlyList<string> Agreeing, bool OutsideScope = false);

/// <summary>
/// For a record nobody matched: the likeliest counterparts on the other side, best first. Scoped like every read of a person:
/// candidates at the caller's schools in full, elsewhere only the school. Every look-up is audited.
/// </summary>
public static class FindCandidates
{
    public sealed class Handler(GetMismatch.Handler items, CandidateFinder finder, AuditLog audit)
    {
        /// <summary>The candidates, or null when the item is outside the caller's scope.</summary>
        public async Task<IReadOnlyList<CandidateView>?> HandleAsync(long id, UserScope scope, CancellationToken cancellationToken)
        {
            if (await items.FindAsync(new GetMismatch.Query(id), scope, cancellationToken) is not { } item)
            {
                return null;
            }

            var candidates = await finder.FindAsync(item, 5, cancellationToken);
            var visible = candidates.Where(c => scope.CanSee(c.SchoolCode)).Select(c => new CandidateView(
                c.Source, c.SourceKey, c.MoetCode, c.SchoolCode, c.FullName, c.DateOfBirth, c.Gender, PersonalIdNumber.Mask(c.PersonalId),
                c.Status, c.Score, c.Agreeing));
            var elsewhere = candidates.Where(c => !scope.CanSee(c.SchoolCode)).Select(c => (c.Source, c.SchoolCode)).Distinct()
                .Select(c => new CandidateView(c.Source, null, null, c.SchoolCode, null, null, null, null, null, null, [], OutsideScope: true));
            var answer = visible.Concat(elsewhere).ToList();

            await audit.WriteAsync(AuditAction.FindCandidates, new AuditSubject(item.SchoolCode, item.Id,
                $"{answer.Count(c => !c.OutsideScope)} candidates shown, {answer.Count(c => c.OutsideScope)} schools outside the caller's scope"),
                cancellationToken: cancellationToken);
            return answer;
        }
    }
}

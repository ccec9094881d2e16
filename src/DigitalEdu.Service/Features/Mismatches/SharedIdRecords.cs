using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using Npgsql;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// For a duplicate (<c>id_duplicate</c>): the other active records of the same system that hold the same personal ID. A record
/// of a school in the caller's scope is shown whole (who, class, codes); of any other school only the school's name, so a clerk
/// knows whom to call without seeing another school's children. Every look-up is audited.
/// </summary>
public static class SharedIdRecords
{
    /// <summary>One other record; every field but the school is null when it lies outside the caller's scope.</summary>
    public sealed record Record(
        string SchoolCode, string? SchoolName, bool InScope, string? FullName, DateOnly? DateOfBirth, int? Grade, string? ClassName,
        string? Position, string? SourceKey, string? MoetCode);

    private const string Sql =
        """
        SELECT o.school_code, s.name, o.full_name, o.date_of_birth, o.grade, o.class_name, o.position, o.source_key, o.moet_code
          FROM person_records o
          LEFT JOIN schools s ON s.code = o.school_code
         WHERE o.personal_id_digits = @digits AND o.person_kind = @kind AND o.source = @side AND o.is_active
           AND o.source_key <> @self
         ORDER BY o.school_code, o.source_key
         LIMIT 50
        """;

    public sealed class Handler(GetMismatch.Handler items, NpgsqlDataSource dataSource, AuditLog audit)
    {
        /// <summary>The other records, none for an item that is no duplicate; null when the item is outside the caller's scope.</summary>
        public async Task<IReadOnlyList<Record>?> HandleAsync(long id, string? schoolCode, UserScope scope, CancellationToken cancellationToken)
        {
            if (await items.FindAsync(new GetMismatch.Query(id, schoolCode), scope, cancellationToken) is not { } item)
            {
                return null;
            }

            var digits = item.Side == WireNames.National ? item.NationalValue : item.SmsValue;
            if (item.Kind != MismatchKinds.IdDuplicate || digits is null)
            {
                return [];
            }

            var (source, key) = ItemPersons.RecordOf(item.PersonRef);
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.AddWithValue("digits", digits);
            command.Parameters.AddWithValue("kind", item.PersonKind);
            command.Parameters.AddWithValue("side", item.Side);
            command.Parameters.AddWithValue("self", source == item.Side ? key : "");
            var records = new List<Record>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var school = reader.GetString(0);
                var name = reader.IsDBNull(1) ? null : reader.GetString(1);
                records.Add(scope.CanSee(school)
                    ? new Record(school, name, true, Text(reader, 2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4), Text(reader, 5), Text(reader, 6), reader.GetString(7), Text(reader, 8))
                    : new Record(school, name, false, null, null, null, null, null, null, null));
            }

            await audit.WriteAsync(AuditAction.FindSharedId, new AuditSubject(item.SchoolCode, item.Id,
                $"{records.Count(r => r.InScope)} records shown, {records.Count(r => !r.InScope)} outside the caller's scope"),
                cancellationToken: cancellationToken);
            return records;
        }

        private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}

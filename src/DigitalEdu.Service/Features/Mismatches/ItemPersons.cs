using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Text;
using DigitalEdu.Domain.Vocabulary;
using Npgsql;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Who an item is about, as the record it names holds them: the SMS record for an item about an SMS record or a pair, the
/// national record for one about a national record nobody matched (its class and grade are the national database's then).
/// </summary>
public sealed record ItemPerson(
    string Source, string SourceKey, string? FullName, DateOnly? DateOfBirth, string? Gender, int? Grade, string? ClassName, string? Position,
    string SchoolCode, string? MoetCode);

/// <summary>
/// Reads who the items are about, and narrows a school's items by who. Items name their person by reference
/// (<see cref="Mismatch.PersonRef"/>, "source:key") instead of copying the person onto every item a run writes: a page reads
/// at most a page of persons, by primary key.
/// </summary>
public sealed class ItemPersons(NpgsqlDataSource dataSource)
{
    private const string Sql =
        """
        SELECT x.id, p.source, p.source_key, p.full_name, p.date_of_birth, p.gender, p.grade, p.class_name, p.position, p.school_code, p.moet_code
          FROM unnest(@ids, @sources, @kinds, @keys) AS x(id, source, kind, key)
          JOIN person_records p ON p.source_key = x.key AND p.person_kind = x.kind AND p.source = x.source
        """;

    /// <summary>The record an item's person reference names: its source and key.</summary>
    public static (string Source, string Key) RecordOf(string personRef)
    {
        var colon = personRef.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (WireNames.Sms, personRef) : (personRef[..colon], personRef[(colon + 1)..]);
    }

    /// <summary>The person of each item that names a stored record, by item id.</summary>
    public async Task<IReadOnlyDictionary<long, ItemPerson>> ForAsync(IReadOnlyCollection<Mismatch> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return new Dictionary<long, ItemPerson>();
        }

        var references = items.Select(i => (i.Id, i.PersonKind, Record: RecordOf(i.PersonRef))).ToList();
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("ids", references.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("sources", references.Select(r => r.Record.Source).ToArray());
        command.Parameters.AddWithValue("kinds", references.Select(r => r.PersonKind).ToArray());
        command.Parameters.AddWithValue("keys", references.Select(r => r.Record.Key).ToArray());
        var persons = new Dictionary<long, ItemPerson>(items.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            persons[reader.GetInt64(0)] = new ItemPerson(
                reader.GetString(1), reader.GetString(2), NullableString(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), NullableString(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6), NullableString(reader, 7), NullableString(reader, 8), reader.GetString(9),
                NullableString(reader, 10));
        }

        return persons;
    }

    public async Task<ItemPerson?> ForAsync(Mismatch item, CancellationToken cancellationToken) =>
        (await ForAsync([item], cancellationToken)).GetValueOrDefault(item.Id);

    /// <summary>
    /// A school's items narrowed to what was searched and the class chosen. The text finds a person by name with or without
    /// diacritics, an item by its SMS code or MOET code, or by the last digits of the personal ID. Names and classes are looked
    /// up among the school's own records (its slice of the records' school index), then the items naming them are kept.
    /// </summary>
    public static IQueryable<Mismatch> Narrow(IQueryable<Mismatch> items, DigitalEduDbContext db, string schoolCode, string? search, string? className)
    {
        if (!string.IsNullOrWhiteSpace(className))
        {
            var wanted = className.Trim().ToUpperInvariant();
            var inClass = db.Persons.Where(p => p.SchoolCode == schoolCode && p.ClassName != null && p.ClassName.ToUpper() == wanted)
                .Select(p => p.Source + ":" + p.SourceKey);
            items = items.Where(m => inClass.Contains(m.PersonRef));
        }

        if (string.IsNullOrWhiteSpace(search))
        {
            return items;
        }

        var text = search.Trim();
        var code = text.ToUpperInvariant();
        if (text.All(char.IsAsciiDigit) && text.Length is >= MinIdDigits and <= MaxIdDigits)
        {
            // The digits shown of a masked ID are its last three: a clerk types those, or a few more from the SMS.
            return items.Where(m => (m.PersonalId != null && m.PersonalId.EndsWith(text)) || m.MoetCode == text || m.SmsKey == code);
        }

        var key = VietnameseText.SearchKey(text) ?? "";
        var named = db.Persons.Where(p => p.SchoolCode == schoolCode && PersonSearch.PlainKey(p.FullNameKey).Contains(key))
            .Select(p => p.Source + ":" + p.SourceKey);
        return items.Where(m => named.Contains(m.PersonRef) || m.MoetCode == text || (m.SmsKey != null && m.SmsKey.ToUpper() == code));
    }

    /// <summary>The classes of a school's pupils, as the SMS lists them, for the class filter.</summary>
    public static IQueryable<string> ClassesOf(DigitalEduDbContext db, string schoolCode) =>
        db.Persons.Where(p => p.SchoolCode == schoolCode && p.Source == WireNames.Sms && p.PersonKind == WireNames.Student && p.IsActive
                              && p.ClassName != null)
            .Select(p => p.ClassName!).Distinct();

    public const int MinIdDigits = 3;
    public const int MaxIdDigits = 6;

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

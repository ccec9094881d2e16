using System.Text.Json;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Text;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Persistence.Entities;

namespace DigitalEdu.Sync.Persistence;

/// <summary>Flattens canonical records into the stored rows, deriving once what the reconcile SQL compares.</summary>
public static class StoredPersonMapping
{
    /// <summary>A field map (unreadable values, unknown codes) as the JSON object stored for it; null when there is none.</summary>
    public static string? ToJson(IReadOnlyDictionary<string, string>? fields) =>
        fields is null or { Count: 0 } ? null : JsonSerializer.Serialize(fields, StoredJson.Default.IReadOnlyDictionaryStringString);

    public static StoredPerson ToStored(this PersonRecord record, Guid runId, DateTimeOffset storedAt)
    {
        var id = PersonalIdNumber.Check(record.PersonalIdRaw, record.Gender, record.DateOfBirth);
        return new StoredPerson
        {
            Source = record.Source.ToWire(),
            PersonKind = record.Kind.ToWire(),
            SourceKey = record.SourceKey,
            SchoolCode = record.SchoolCode,
            MoetCode = record.MoetCode,
            PersonalIdRaw = record.PersonalIdRaw,
            IdPresent = id.IsPresent,
            PersonalIdDigits = id.Digits,
            IdDefect = id.IsPresent && id.Defect != PersonalIdDefect.None ? id.Defect.ToDetail() : null,
            FullName = record.FullName,
            FullNameKey = VietnameseText.MatchKey(record.FullName),
            DateOfBirth = record.DateOfBirth,
            Gender = record.Gender?.ToWire(),
            EthnicityCode = record.EthnicityCode,
            FatherName = record.FatherName,
            FatherNameKey = VietnameseText.MatchKey(record.FatherName),
            MotherName = record.MotherName,
            MotherNameKey = VietnameseText.MatchKey(record.MotherName),
            Grade = record.Grade,
            ClassName = record.ClassName,
            Position = record.Position,
            Status = record.Status,
            IsActive = record.IsActive,
            PopulationStatus = record.PopulationCheck?.Status,
            PopulationCheckedAt = record.PopulationCheck?.CheckedAt,
            DisputedFields = record.PopulationCheck?.DisputedFields.ToArray(),
            HealthExamDate = record.NationalHealth?.ExamDate,
            Health = record.NationalHealth is null ? null : JsonSerializer.Serialize(record.NationalHealth, StoredJson.Default.HealthFindings),
            UpdatedAt = record.UpdatedAt,
            LastRunId = runId,
            StoredAt = storedAt,
            Unreadable = ToJson(record.Unreadable),
            UnknownCodes = ToJson(record.UnknownCodes),
            Uncompared = record.Uncompared()?.ToArray(),
            QuarantineReasons = record.QuarantineReasons?.ToArray(),
        };
    }
}

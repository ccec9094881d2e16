using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// Malformed records, one defect each, on persons that exist nowhere else: the reader must quarantine them, and since they
/// belong to no one else they produce no mismatch items either way.
/// </summary>
internal sealed class QuarantinePlanter(PersonFactory factory, RecordStore store)
{
    private readonly List<QuarantinedRecordKey> _planted = [];
    private int _missingKeyCounter;

    public IReadOnlyList<QuarantinedRecordKey> Planted => _planted;

    public void PlantAll()
    {
        foreach (var kind in new[] { PersonKind.Student, PersonKind.Staff })
        {
            PlantPersonDefects(kind, UpstreamSource.Sms);
            PlantPersonDefects(kind, UpstreamSource.Provincial);
            PlantPersonDefects(kind, UpstreamSource.National);
        }

        PlantExamDefects();
    }

    private void PlantPersonDefects(PersonKind kind, UpstreamSource source)
    {
        var (dateField, gradeField, statusField, nameField, genderField) = source switch
        {
            UpstreamSource.Sms => ("dateOfBirth", "grade", "status", "fullName", "gender"),
            UpstreamSource.Provincial => ("ngaySinh", "khoi", "trangThai", "hoTen", "gioiTinh"),
            _ => ("NGAY_SINH", "KHOI", "MA_TRANG_THAI", "HO_TEN", "MA_GIOI_TINH"),
        };
        var student = kind == PersonKind.Student;
        Plant(kind, source, o => o[dateField] = source == UpstreamSource.National ? "31/02/2012" : "2012-02-31");
        if (student)
        {
            Plant(kind, source, o => o[gradeField] = 14);
            // A grade spelled out in words: the wrong JSON type for a number.
            Plant(kind, source, o => o[gradeField] = "tám");
        }
        else
        {
            // A date sent as a bare number: the wrong JSON type for a date.
            Plant(kind, source, o => o[dateField] = 19861130);
        }

        Plant(kind, source, o => o[statusField] = source == UpstreamSource.Sms ? "suspended" : "TAM_DUNG");
        Plant(kind, source, o => o[nameField] = string.Concat(Enumerable.Repeat("Nguyễn Thị Minh Khai ", 15))[..300]);
        Plant(kind, source, o => o[genderField] = new JsonArray("male", "female"));
        Plant(kind, source, o => o.Remove(KeyField(kind, source)), keyless: true);
    }

    private void Plant(PersonKind kind, UpstreamSource source, Action<JsonObject> defect, bool keyless = false)
    {
        var person = factory.Create(kind, forceActive: true) with { Exams = [], NationalExam = null };
        var (definition, json) = source switch
        {
            UpstreamSource.Sms => (WireWriter.SmsDataset(person), WireWriter.SmsJson(person, null)),
            UpstreamSource.Provincial => (WireWriter.ProvincialDataset(person), WireWriter.ProvincialJson(person, null)),
            _ => (WireWriter.NationalDataset(person), WireWriter.NationalJson(person, null)),
        };
        var key = source == UpstreamSource.Sms ? person.SmsKey : person.MoetCode!;
        Store(definition, person.School.Code, person.UpdatedAt, json, key, defect, keyless);
    }

    private void PlantExamDefects()
    {
        var student = factory.Create(PersonKind.Student, forceActive: true);
        var exam = factory.NewExam(new DateOnly(2026, 9, 15), student.DateOfBirth);
        Action<JsonObject>[] defects =
        [
            o => o["examDate"] = "2026-02-30",
            o => o["heightCm"] = "cao",
            o => o.Remove("examId"),
        ];
        foreach (var defect in defects)
        {
            var current = exam with { ExamId = factory.NextExamId() };
            var wire = new SmsHealthExam(current.ExamId, student.SmsKey, WireFormats.IsoDate(current.ExamDate), current.HeightCm, current.WeightKg,
                current.Bmi, current.BloodGroup, current.EyeCondition, current.CongenitalCondition, current.SpineCondition, current.CanSwim,
                WireFormats.Instant(current.UpdatedAt));
            var json = JsonSerializer.SerializeToUtf8Bytes(wire, WireJsonContext.Wire.SmsHealthExam);
            Store(DatasetDefinition.SmsHealthExams, student.School.Code, current.UpdatedAt, json, current.ExamId, defect, keyless: defect == defects[^1]);
        }
    }

    private void Store(DatasetDefinition definition, string schoolCode, DateTime updatedAt, byte[] json, string key, Action<JsonObject> defect, bool keyless)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        defect(node);
        // A record without its key still needs a place in the listing order; "~" sorts after every real key.
        var storeKey = keyless ? $"~missing-key-{++_missingKeyCounter:D4}" : key;
        store.Add(definition, storeKey, schoolCode, updatedAt, JsonSerializer.SerializeToUtf8Bytes(node, WireJsonContext.Wire.JsonObject));
        _planted.Add(new QuarantinedRecordKey(SourceName(definition.Source), definition.UrlName, keyless ? null : key));
    }

    private static string KeyField(PersonKind kind, UpstreamSource source) => (kind, source) switch
    {
        (PersonKind.Student, UpstreamSource.Sms) => DatasetDefinition.SmsStudents.KeyField,
        (PersonKind.Staff, UpstreamSource.Sms) => DatasetDefinition.SmsStaff.KeyField,
        (PersonKind.Student, UpstreamSource.Provincial) => DatasetDefinition.ProvincialLearners.KeyField,
        (PersonKind.Staff, UpstreamSource.Provincial) => DatasetDefinition.ProvincialStaff.KeyField,
        (PersonKind.Student, _) => DatasetDefinition.NationalStudents.KeyField,
        _ => DatasetDefinition.NationalStaff.KeyField,
    };

    public static string SourceName(UpstreamSource source) => source switch
    {
        UpstreamSource.Sms => "sms",
        UpstreamSource.Provincial => "provincial",
        _ => "national",
    };
}

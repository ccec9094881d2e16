using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// Malformed records, one defect each, on persons that exist in no other system; planted whatever the vendor-variation mode.
/// The reader keeps most of them with the field unknown, so each is a stored lone record with the items the rules give it:
/// one unreadable_value, plus missing_in_national and provincial_stale/missing for an active SMS record alone, or
/// missing_in_sms for an active national record alone (a provincial record alone raises nothing else). A lone record with an
/// unknown status is present but not active: no item, only drift. Per source and kind, one record loses its key but keeps
/// its MOET code or personal ID (a placeholder, one record_quarantined), and one loses all three (quarantine only, no item).
/// </summary>
internal sealed class QuarantinePlanter(PersonFactory factory, RecordStore store, CodeDriftTally drift)
{
    private static readonly string LongName = string.Concat(Enumerable.Repeat("Nguyễn Thị Minh Khai ", 15))[..300];

    private readonly List<QuarantinedRecordKey> _planted = [];
    private readonly List<GroundTruthItem> _items = [];

    public IReadOnlyList<QuarantinedRecordKey> Planted => _planted;

    public IReadOnlyList<GroundTruthItem> Items => _items;

    /// <summary>The active SMS records it wrote and kept, each with its one unreadable field (null: none); for the figures' tally.</summary>
    public IReadOnlyList<(Person Person, string? Unreadable)> KeptSms => _keptSms;

    private readonly List<(Person, string?)> _keptSms = [];

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
        var national = source == UpstreamSource.National;
        Keep(kind, source, "dateOfBirth", (o, n) => o[n.DateOfBirth] = national ? "31/02/2012" : "2012-02-31");
        if (kind == PersonKind.Student)
        {
            Keep(kind, source, "grade", (o, n) => o[n.Grade!] = 14);
            // A grade spelled out in words: the wrong JSON type for a number.
            Keep(kind, source, "grade", (o, n) => o[n.Grade!] = "tám");
        }
        else
        {
            // A date sent as a bare number: the wrong JSON type for a date.
            Keep(kind, source, "dateOfBirth", (o, n) => o[n.DateOfBirth] = 19861130);
        }

        var status = source == UpstreamSource.Sms ? "suspended" : "TAM_DUNG";
        Write(kind, source, (o, n) => o[n.Status] = status, keyless: false);
        drift.Add(source, "status", status);

        Keep(kind, source, "fullName", (o, n) => o[n.FullName] = LongName);
        Keep(kind, source, "gender", (o, n) => o[n.Gender] = new JsonArray("male", "female"));
        Quarantine(kind, source, attributable: true);
        Quarantine(kind, source, attributable: false);
    }

    /// <summary>
    /// A lone record kept with one field unknown: its unreadable_value and what a record alone raises. A provincial record is
    /// only ever reported through the active SMS record with its MOET code, so a lone one raises nothing.
    /// </summary>
    private void Keep(PersonKind kind, UpstreamSource source, string field, Action<JsonObject, WireFieldNames> defect)
    {
        var person = Write(kind, source, defect, keyless: false);
        if (source == UpstreamSource.Provincial)
        {
            return;
        }

        if (source == UpstreamSource.Sms)
        {
            _keptSms.Add((person, field));
        }

        _items.Add(new GroundTruthItem(MismatchKinds.UnreadableValue, field, KindName(kind), person.School.Code,
            source == UpstreamSource.Sms ? person.SmsKey : null, person.MoetCode, field));
        AddLoneItems(person, source);
    }

    private void Quarantine(PersonKind kind, UpstreamSource source, bool attributable)
    {
        var person = Write(kind, source, (o, n) =>
        {
            o.Remove(n.Key);
            if (!attributable)
            {
                o.Remove(n.PersonalId);
                if (n.MoetCode is { } moet)
                {
                    o.Remove(moet);
                }
            }
        }, keyless: true);

        // The provincial and national keys are the MOET code, so a keyless record there is attributed by its personal ID alone.
        var moetCode = attributable && source == UpstreamSource.Sms ? person.MoetCode : null;
        var dataset = Dataset(kind, source);
        _planted.Add(new QuarantinedRecordKey(source.Name(), dataset.UrlName, null, moetCode, attributable ? person.PersonalId : null, attributable));
        if (attributable && source != UpstreamSource.Provincial)
        {
            // No SMS record shares its MOET code or digits, so the item carries the placeholder's own MOET code (if any) and school.
            _items.Add(new GroundTruthItem(MismatchKinds.RecordQuarantined, source.Name(), KindName(kind), person.School.Code, null, moetCode, null));
        }
    }

    private void AddLoneItems(Person person, UpstreamSource source)
    {
        switch (source)
        {
            // Active, with a MOET code, paired with nothing, and no provincial record holds its MOET code.
            case UpstreamSource.Sms:
                _items.Add(new GroundTruthItem(MismatchKinds.MissingInNational, null, KindName(person.Kind), person.School.Code, person.SmsKey, person.MoetCode, null));
                _items.Add(new GroundTruthItem(MismatchKinds.ProvincialStale, "missing", KindName(person.Kind), person.School.Code, person.SmsKey, person.MoetCode, null));
                break;
            case UpstreamSource.National:
                _items.Add(new GroundTruthItem(MismatchKinds.MissingInSms, null, KindName(person.Kind), person.School.Code, null, person.MoetCode, null));
                break;
        }
    }

    /// <summary>
    /// Exams of a pupil only the SMS holds (it raises missing_in_national and provincial_stale/missing): two kept with a value
    /// unknown (one unreadable_value each, about their pupil), and two that cannot be placed, without their id or their pupil.
    /// Exams are not persons, so those two leave no placeholder.
    /// </summary>
    private void PlantExamDefects()
    {
        var pupil = factory.Create(PersonKind.Student, forceActive: true) with { Exams = [], NationalExam = null };
        store.Add(DatasetDefinition.SmsStudents, pupil.SmsKey, pupil.School.Code, pupil.UpdatedAt, WireWriter.SmsJson(pupil, null));
        _keptSms.Add((pupil, null));
        AddLoneItems(pupil, UpstreamSource.Sms);

        var exam = factory.NewExam(new DateOnly(2026, 9, 15), pupil.DateOfBirth);
        (string? Field, Action<JsonObject> Defect)[] defects =
        [
            ("healthExam.examDate", o => o["examDate"] = "2026-02-30"),
            ("healthExam.heightCm", o => o["heightCm"] = "cao"),
            (null, o => o.Remove("examId")),
            (null, o => o.Remove("studentId")),
        ];
        foreach (var (field, defect) in defects)
        {
            var current = exam with { ExamId = factory.NextExamId() };
            var node = JsonNode.Parse(WireWriter.ExamJson(current, pupil.SmsKey))!.AsObject();
            defect(node);
            var keyless = !node.ContainsKey("examId");
            store.Add(DatasetDefinition.SmsHealthExams, keyless ? store.NextKeylessKey() : current.ExamId, pupil.School.Code, current.UpdatedAt,
                JsonSerializer.SerializeToUtf8Bytes(node, WireJsonContext.Wire.JsonObject));
            if (field is null)
            {
                _planted.Add(new QuarantinedRecordKey(SourceNames.Sms, DatasetDefinition.SmsHealthExams.UrlName, keyless ? null : current.ExamId));
            }
            else
            {
                _items.Add(new GroundTruthItem(MismatchKinds.UnreadableValue, field, "student", pupil.School.Code, pupil.SmsKey, pupil.MoetCode, field));
            }
        }
    }

    private Person Write(PersonKind kind, UpstreamSource source, Action<JsonObject, WireFieldNames> defect, bool keyless)
    {
        var person = factory.Create(kind, forceActive: true) with { Exams = [], NationalExam = null };
        var definition = Dataset(kind, source);
        var json = source switch
        {
            UpstreamSource.Sms => WireWriter.SmsJson(person, null),
            UpstreamSource.Provincial => WireWriter.ProvincialJson(person, null),
            _ => WireWriter.NationalJson(person, null),
        };
        var node = JsonNode.Parse(json)!.AsObject();
        defect(node, WireFieldNames.For(definition));
        var key = keyless ? store.NextKeylessKey() : source == UpstreamSource.Sms ? person.SmsKey : person.MoetCode!;
        store.Add(definition, key, person.School.Code, person.UpdatedAt, JsonSerializer.SerializeToUtf8Bytes(node, WireJsonContext.Wire.JsonObject));
        return person;
    }

    private static DatasetDefinition Dataset(PersonKind kind, UpstreamSource source) => (kind, source) switch
    {
        (PersonKind.Student, UpstreamSource.Sms) => DatasetDefinition.SmsStudents,
        (PersonKind.Staff, UpstreamSource.Sms) => DatasetDefinition.SmsStaff,
        (PersonKind.Student, UpstreamSource.Provincial) => DatasetDefinition.ProvincialLearners,
        (PersonKind.Staff, UpstreamSource.Provincial) => DatasetDefinition.ProvincialStaff,
        (PersonKind.Student, _) => DatasetDefinition.NationalStudents,
        _ => DatasetDefinition.NationalStaff,
    };

    private static string KindName(PersonKind kind) => kind == PersonKind.Student ? "student" : "staff";
}

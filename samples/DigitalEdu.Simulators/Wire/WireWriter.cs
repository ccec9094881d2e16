using System.Text.Json;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Planting;
using DigitalEdu.Simulators.Store;
using static DigitalEdu.Simulators.Wire.WireFormats;

namespace DigitalEdu.Simulators.Wire;

/// <summary>Turns each source's version of a person into that source's wire JSON, adds the noise, and stores it.</summary>
internal sealed class WireWriter(RecordStore store, Noise noise)
{
    /// <summary>
    /// Writes each source's version of the person; <paramref name="edits"/>, when given, changes some of those records on the wire.
    /// The noise is drawn for every record in the same order either way, so edits never shift the noise of other persons.
    /// </summary>
    public void Write(PlantedPerson person, RecordEdits? edits = null)
    {
        foreach (var sms in person.Sms)
        {
            Store(SmsDataset(sms), sms.SmsKey, sms.School.Code, sms.UpdatedAt, SmsJson(sms, noise), edits);
            foreach (var exam in sms.Exams)
            {
                Store(DatasetDefinition.SmsHealthExams, exam.ExamId, sms.School.Code, exam.UpdatedAt, ExamJson(exam, sms.SmsKey), edits);
            }
        }

        if (person.Provincial is { } provincial)
        {
            Store(ProvincialDataset(provincial), provincial.MoetCode!, provincial.School.Code, provincial.UpdatedAt, ProvincialJson(provincial, noise), edits);
        }

        if (person.National is { } national)
        {
            Store(NationalDataset(national), national.MoetCode!, national.School.Code, national.UpdatedAt, NationalJson(national, noise), edits);
        }
    }

    private void Store(DatasetDefinition dataset, string key, string schoolCode, DateTime updatedAt, byte[] json, RecordEdits? edits)
    {
        if (edits is not null && edits.Has(dataset, key))
        {
            json = edits.Apply(dataset, key, json);
            if (edits.RemovesKey(dataset, key))
            {
                key = store.NextKeylessKey();
            }
        }

        store.Add(dataset, key, schoolCode, updatedAt, json);
    }

    public static byte[] ExamJson(HealthExam exam, string studentKey)
    {
        var wire = new SmsHealthExam(exam.ExamId, studentKey, IsoDate(exam.ExamDate), exam.HeightCm, exam.WeightKg, exam.Bmi, exam.BloodGroup,
            exam.EyeCondition, exam.CongenitalCondition, exam.SpineCondition, exam.CanSwim, Instant(exam.UpdatedAt));
        return JsonSerializer.SerializeToUtf8Bytes(wire, WireJsonContext.Wire.SmsHealthExam);
    }

    public static DatasetDefinition SmsDataset(Person p) => p.Kind == PersonKind.Student ? DatasetDefinition.SmsStudents : DatasetDefinition.SmsStaff;

    public static DatasetDefinition ProvincialDataset(Person p) => p.Kind == PersonKind.Student ? DatasetDefinition.ProvincialLearners : DatasetDefinition.ProvincialStaff;

    public static DatasetDefinition NationalDataset(Person p) => p.Kind == PersonKind.Student ? DatasetDefinition.NationalStudents : DatasetDefinition.NationalStaff;

    public static byte[] SmsJson(Person p, Noise? noise)
    {
        var name = noise?.Name(p.FullName, UpstreamSource.Sms) ?? p.FullName;
        var id = noise is null ? p.PersonalId : noise.SmsPersonalId(p.PersonalId);
        if (p.Kind == PersonKind.Student)
        {
            var record = new SmsStudent(p.SmsKey, p.MoetCode, id, name, IsoDate(p.DateOfBirth), SmsGender(p.Gender), p.EthnicityCode,
                NoisyName(p.FatherName, UpstreamSource.Sms, noise), NoisyName(p.MotherName, UpstreamSource.Sms, noise), p.School.Code, p.Grade,
                p.ClassName, p.Status, Instant(p.UpdatedAt));
            return JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.SmsStudent);
        }

        var staff = new SmsStaff(p.SmsKey, p.MoetCode, id, name, IsoDate(p.DateOfBirth), SmsGender(p.Gender), p.School.Code, p.Position, p.Status, Instant(p.UpdatedAt));
        return JsonSerializer.SerializeToUtf8Bytes(staff, WireJsonContext.Wire.SmsStaff);
    }

    public static byte[] ProvincialJson(Person p, Noise? noise)
    {
        var moet = p.MoetCode ?? throw new InvalidOperationException("The provincial copy is keyed by MOET code.");
        var name = NoisyName(p.FullName, UpstreamSource.Provincial, noise)!;
        var status = OfficialStatus(p.Status);
        if (p.Kind == PersonKind.Student)
        {
            var record = new ProvincialLearner(moet, p.PersonalId, name, IsoDate(p.DateOfBirth), ProvincialGender(p.Gender), p.EthnicityCode,
                NoisyName(p.FatherName, UpstreamSource.Provincial, noise), NoisyName(p.MotherName, UpstreamSource.Provincial, noise), p.School.Code, p.Grade,
                p.ClassName, status, Instant(p.UpdatedAt));
            return JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.ProvincialLearner);
        }

        var staff = new ProvincialStaff(moet, p.PersonalId, name, IsoDate(p.DateOfBirth), ProvincialGender(p.Gender), p.School.Code,
            OfficialPosition(p.Position), status, Instant(p.UpdatedAt));
        return JsonSerializer.SerializeToUtf8Bytes(staff, WireJsonContext.Wire.ProvincialStaff);
    }

    public static byte[] NationalJson(Person p, Noise? noise)
    {
        var moet = p.MoetCode ?? throw new InvalidOperationException("A national record always has its MOET code.");
        var name = NoisyName(p.FullName, UpstreamSource.National, noise)!;
        var verification = new NationalVerification(p.Verification.Status, Instant(p.Verification.CheckedAt), p.Verification.WrongFields);
        if (p.Kind == PersonKind.Student)
        {
            var health = p.NationalExam is { } e
                ? new NationalHealth(NationalDate(e.ExamDate), e.HeightCm, e.WeightKg, e.Bmi, e.BloodGroup, e.EyeCondition, e.CongenitalCondition, e.SpineCondition, e.CanSwim)
                : null;
            var record = new NationalStudent(moet, p.PersonalId, name, NationalDate(p.DateOfBirth), NationalGender(p.Gender), p.EthnicityCode,
                NoisyName(p.FatherName, UpstreamSource.National, noise), NoisyName(p.MotherName, UpstreamSource.National, noise), p.School.Code, p.Grade,
                p.ClassName, OfficialStatus(p.Status), verification, health, Instant(p.UpdatedAt));
            return JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.NationalStudent);
        }

        var staff = new NationalStaff(moet, p.PersonalId, name, NationalDate(p.DateOfBirth), NationalGender(p.Gender), p.School.Code,
            OfficialPosition(p.Position), OfficialStatus(p.Status), verification, Instant(p.UpdatedAt));
        return JsonSerializer.SerializeToUtf8Bytes(staff, WireJsonContext.Wire.NationalStaff);
    }

    private static string? NoisyName(string? name, UpstreamSource source, Noise? noise) => noise is null ? name : noise.Name(name, source);
}

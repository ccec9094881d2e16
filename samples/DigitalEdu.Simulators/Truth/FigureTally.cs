using System.Text.Json.Serialization;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Planting;

namespace DigitalEdu.Simulators.Truth;

/// <summary>
/// The report figures of one school, level and person kind that a clean full run must count (DigitalEdu's report figures):
/// active SMS persons, of them with a valid personal ID, of those complete, of those verified (paired with a national record
/// that holds the same ID and is DA_XAC_THUC), and pupils whose latest exam the national record holds.
/// </summary>
public sealed record LevelFigureTruth(
    [property: JsonPropertyName("schoolCode")] string SchoolCode,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("personKind")] string PersonKind,
    [property: JsonPropertyName("persons")] int Persons,
    [property: JsonPropertyName("withPersonalId")] int WithPersonalId,
    [property: JsonPropertyName("complete")] int Complete,
    [property: JsonPropertyName("verified")] int Verified,
    [property: JsonPropertyName("healthSynced")] int HealthSynced);

/// <summary>
/// Counts <see cref="LevelFigureTruth"/> while the persons are generated, from each source's version of a person and the items
/// planted on it. Kept only without vendor variation: its variations change what a record holds in ways the tally does not follow.
/// </summary>
internal sealed class FigureTally
{
    private readonly Dictionary<(string School, string Level, string Kind), int[]> _counts = [];

    public void Add(PlantedPerson planted, Plant? plant)
    {
        foreach (var sms in planted.Sms.Where(s => s.IsActive))
        {
            var kind = sms.Kind == PersonKind.Student ? "student" : "staff";
            var validId = sms.PersonalId is not null && !planted.Items.Any(i => i.SmsKey == sms.SmsKey
                && ((i.Kind == MismatchKinds.IdMissing && i.Detail == "sms") || (i.Kind == MismatchKinds.IdInvalid && plant != Plant.FieldGenderNational)));
            var complete = validId && sms.MoetCode is not null
                && (sms.Kind == PersonKind.Staff ? sms.Position is not null : sms.EthnicityCode is not null && sms.ClassName is not null);

            // A held record (a duplicate) is not paired; nor is one that shares neither its MOET code nor a valid ID with the national one.
            var national = plant == Plant.DuplicateSms || planted.National is not { } n
                || !((sms.MoetCode is not null && sms.MoetCode == n.MoetCode) || (validId && sms.PersonalId == n.PersonalId))
                ? null : planted.National;
            var verified = complete && national is not null && national.PersonalId == sms.PersonalId && national.Verification.Status == "DA_XAC_THUC";
            var latest = sms.Exams.Count == 0 ? (DateOnly?)null : sms.Exams.Max(e => e.ExamDate);
            var health = sms.Kind == PersonKind.Student && national?.NationalExam is { } exam && (latest is null || exam.ExamDate >= latest);

            var counts = CountsOf(sms.School.Code, LevelOf(sms), kind);
            counts[0]++;
            counts[1] += validId ? 1 : 0;
            counts[2] += complete ? 1 : 0;
            counts[3] += verified ? 1 : 0;
            counts[4] += health ? 1 : 0;
        }
    }

    /// <summary>
    /// An SMS record alone (no national record), kept with one field unreadable (<paramref name="unreadable"/>, null for none):
    /// its ID stays valid (the checks that need the unknown field are skipped), and an unreadable field makes it incomplete. An
    /// unreadable grade leaves the pupil at their school's level.
    /// </summary>
    public void AddLone(Person sms, string? unreadable)
    {
        var kind = sms.Kind == PersonKind.Student ? "student" : "staff";
        var counts = CountsOf(sms.School.Code, unreadable == "grade" ? sms.School.Level : LevelOf(sms), kind);
        counts[0]++;
        counts[1]++;
        counts[2] += unreadable is null ? 1 : 0;
    }

    /// <summary>A school, level and kind's counts: persons, valid ID, complete, verified, health synced.</summary>
    private int[] CountsOf(string school, string level, string kind)
    {
        if (!_counts.TryGetValue((school, level, kind), out var counts))
        {
            _counts[(school, level, kind)] = counts = new int[5];
        }

        return counts;
    }

    /// <summary>The level a person counts at in the reports: a pupil by grade (GDTX centres aside), staff by their school's level.</summary>
    public static string LevelOf(Person person) =>
        person.Kind == PersonKind.Student && person.School.Level != "GDTX"
            ? person.Grade switch { 0 => "MN", <= 5 => "TH", <= 9 => "THCS", _ => "THPT" }
            : person.School.Level;

    public IReadOnlyList<LevelFigureTruth> ToList() =>
    [
        .. _counts.OrderBy(p => p.Key.School, StringComparer.Ordinal).ThenBy(p => p.Key.Level, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Kind, StringComparer.Ordinal)
            .Select(p => new LevelFigureTruth(p.Key.School, p.Key.Level, p.Key.Kind, p.Value[0], p.Value[1], p.Value[2], p.Value[3], p.Value[4])),
    ];
}

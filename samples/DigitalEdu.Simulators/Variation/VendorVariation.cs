using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Planting;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Variation;

/// <summary>
/// What real vendors send within the contract, planted only on clean persons (no planted discrepancy, in all three systems,
/// active) so that each variation's effect on the ground truth is known exactly: unknown codes raise no item but are counted as
/// code-list drift, an impossible value raises one unreadable_value, a record without its key but with its MOET code and
/// personal ID raises one record_quarantined, and the shape variations (offsets, spaces, extra properties, order) raise
/// nothing. Its own random stream, so switching it on or off never shifts the generated persons or their noise.
/// </summary>
internal sealed class VendorVariation
{
    // A variation detail gets a tenth of a planted detail's share: a handful to a few dozen records in the standard data set.
    private const double SlotShareOfPlantShare = 0.1;

    // Each shape variation touches half a planted detail's share of the clean persons' records: a few dozen in the standard set.
    private const double RecordShareOfPlantShare = 0.5;

    // Codes of lists newer than DigitalEdu's, spelled as each source spells its own (SMS lower snake case, MOET upper snake case).
    // None is a code the lone malformed plants use (suspended, TAM_DUNG), so what the variation adds can be told apart.
    private static readonly string[] SmsStudentStatuses = ["on_leave", "deferred"];
    private static readonly string[] SmsStaffStatuses = ["retired", "seconded"];
    private static readonly string[] MoetStudentStatuses = ["BAO_LUU", "DINH_CHI"];
    private static readonly string[] MoetStaffStatuses = ["NGHI_HUU", "TAM_NGHI"];
    private static readonly string[] SmsPositions = ["librarian", "accountant"];
    private static readonly string[] MoetPositions = ["THU_VIEN", "KE_TOAN"];
    private static readonly string[] EthnicityCodes = ["56", "58", "61"];
    private static readonly string[] PopulationStatuses = ["DANG_XAC_THUC", "CHO_DOI_SOAT"];
    private static readonly string[] SchoolLevels = ["TC", "MN_TH"];

    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private readonly Quota _students;
    private readonly Quota _staff;
    private readonly double _recordShare;
    private readonly CodeDriftTally _drift;
    private readonly List<GroundTruthItem> _items = [];
    private readonly List<QuarantinedRecordKey> _quarantined = [];
    private int _examCounter;

    public VendorVariation(SimulatorOptions options, int cleanStudents, int cleanStaff, CodeDriftTally drift)
    {
        _options = options;
        _random = new Random(unchecked((options.Seed * 53) + 11));
        _students = new Quota(VariationSlot.ForStudents, cleanStudents, options);
        _staff = new Quota(VariationSlot.ForStaff, cleanStaff, options);
        _recordShare = Math.Clamp(options.PlantShare * RecordShareOfPlantShare, 0, 1);
        _drift = drift;
    }

    public IReadOnlyList<GroundTruthItem> Items => _items;

    public IReadOnlyList<QuarantinedRecordKey> Quarantined => _quarantined;

    /// <summary>
    /// A few schools listed with a level code of a newer list (the same in the SMS and the national list), and a few whose SMS is
    /// an older version that sends no commune name.
    /// </summary>
    public IReadOnlyList<School> VarySchools(IReadOnlyList<School> schools)
    {
        var result = schools.ToArray();
        var unknownLevels = Math.Min(result.Length / 4,
            Math.Max(_options.MinimumPlantsPerDetail, (int)Math.Round(result.Length * _options.PlantShare * 5)));
        foreach (var i in Distinct(result.Length, unknownLevels))
        {
            var code = Pick(SchoolLevels);
            result[i] = result[i] with { ListedLevel = code };
            _drift.Add(UpstreamSource.Sms, "level", code);
            _drift.Add(UpstreamSource.National, "level", code);
        }

        foreach (var i in Distinct(result.Length, Math.Max(1, result.Length / 8)))
        {
            result[i] = result[i] with { SmsSendsCommuneName = false };
        }

        return result;
    }

    /// <summary>
    /// Varies one clean, active person: now and then one slot (an unknown code, an impossible value or a keyless record), and
    /// independently a shape variation on any of their records. Returns the person as the sources now hold them and the wire
    /// edits to write, or no edits.
    /// </summary>
    public (PlantedPerson Person, RecordEdits? Edits) Vary(PlantedPerson clean)
    {
        var truth = clean.Sms[0];
        var edits = new RecordEdits();
        var slot = (truth.Kind == PersonKind.Student ? _students : _staff).Take(truth, _random);
        var person = slot is null ? clean : Apply(slot, clean, edits);
        if (slot?.Kind != VariationKind.Quarantined)
        {
            foreach (var (dataset, key) in Records(person))
            {
                VaryShape(dataset, key, edits);
            }
        }

        return (person, edits.IsEmpty ? null : edits);
    }

    private PlantedPerson Apply(VariationSlot slot, PlantedPerson person, RecordEdits edits)
    {
        var sms = person.Sms[0];
        var student = sms.Kind == PersonKind.Student;
        switch (slot.Kind)
        {
            // An unknown status makes that one record present but not active: it still pairs, and nothing is reported.
            case VariationKind.UnknownStatus:
                {
                    var code = slot.Source == UpstreamSource.Sms
                        ? Pick(student ? SmsStudentStatuses : SmsStaffStatuses)
                        : Pick(student ? MoetStudentStatuses : MoetStaffStatuses);
                    SetCode(person, slot.Source, "status", code, edits);
                    return person;
                }

            // Each vendor upgrades its list on its own, so any sides may send a new position; it is descriptive, never compared.
            case VariationKind.UnknownPosition:
                {
                    var certain = _random.Next(3);
                    for (var side = 0; side < 3; side++)
                    {
                        if (side == certain || _random.Next(2) == 0)
                        {
                            var source = (UpstreamSource)side;
                            SetCode(person, source, "position", Pick(source == UpstreamSource.Sms ? SmsPositions : MoetPositions), edits);
                        }
                    }

                    return person;
                }

            // All three sources use the MOET ethnicity list, so the same new code is sent everywhere and compares equal.
            case VariationKind.UnknownEthnicity:
                {
                    var code = Pick(EthnicityCodes);
                    foreach (var source in new[] { UpstreamSource.Sms, UpstreamSource.Provincial, UpstreamSource.National })
                    {
                        SetCode(person, source, "ethnicityCode", code, edits);
                    }

                    return person;
                }

            case VariationKind.UnknownPopulationStatus:
                {
                    var code = Pick(PopulationStatuses);
                    var (dataset, key) = RecordOf(person, UpstreamSource.National);
                    edits.Add(dataset, key, o => o["XAC_THUC_DAN_CU"]!["TRANG_THAI"] = code);
                    _drift.Add(UpstreamSource.National, "populationCheck.status", code);
                    return person;
                }

            case VariationKind.Unreadable:
                {
                    var field = slot.Field!;
                    _items.Add(new GroundTruthItem(MismatchKinds.UnreadableValue, field, KindName(sms), sms.School.Code, sms.SmsKey, sms.MoetCode, field));
                    return MakeUnreadable(person, slot.Source, field, edits);
                }

            default:
                return Quarantine(person, slot.Source, edits);
        }
    }

    private void SetCode(PlantedPerson person, UpstreamSource source, string field, string code, RecordEdits edits)
    {
        var (dataset, key) = RecordOf(person, source);
        var wire = WireFieldNames.For(dataset).Of(field)!;
        edits.Add(dataset, key, o => o[wire] = code);
        _drift.Add(source, field, code);
    }

    /// <summary>
    /// One value that cannot be right. Whatever side it is on, the field is then unknown there and compared with nothing, so the
    /// unreadable_value item is the only one: no field_mismatch, no provincial_stale, no birth-year or gender-digit check.
    /// </summary>
    private PlantedPerson MakeUnreadable(PlantedPerson person, UpstreamSource source, string field, RecordEdits edits)
    {
        var sms = person.Sms[0];
        switch (field)
        {
            // An extra, older SMS exam: the pupil's latest known exam stays the one the national record holds.
            case "healthExam.heightCm":
            case "healthExam.examDate":
                {
                    var first = sms.Exams[0];
                    var date = first.ExamDate.AddDays(-30);
                    var extra = first with
                    {
                        ExamId = $"H-V{++_examCounter:D6}",
                        ExamDate = date,
                        UpdatedAt = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddDays(1),
                    };
                    edits.Add(DatasetDefinition.SmsHealthExams, extra.ExamId, field == "healthExam.heightCm"
                        ? o => o["heightCm"] = "cao"
                        : o => o["examDate"] = "2026-02-30");
                    return person with { Sms = [sms with { Exams = [extra, .. sms.Exams] }] };
                }

            case "nationalHealth.heightCm":
            case "nationalHealth.examDate":
                {
                    var (dataset, key) = RecordOf(person, UpstreamSource.National);
                    edits.Add(dataset, key, field == "nationalHealth.heightCm"
                        ? o => o["SUC_KHOE"]!["CHIEU_CAO"] = "cao"
                        : o => o["SUC_KHOE"]!["NGAY_KHAM"] = "31/02/2025");
                    return person;
                }

            default:
                {
                    var (dataset, key) = RecordOf(person, source);
                    var wire = WireFieldNames.For(dataset).Of(field)!;
                    var year = sms.DateOfBirth.Year;
                    var number = _random.Next(1000, 100_000);
                    Func<JsonNode> value = field switch
                    {
                        "dateOfBirth" => () => source == UpstreamSource.National ? $"31/02/{year}" : $"{year}-02-31",
                        "grade" => () => 14,
                        // A number where text belongs: a name or class typed into the wrong column, a code that lost its leading zero.
                        "fullName" => () => number,
                        "className" => () => sms.Grade,
                        "ethnicityCode" => () => 1,
                        "position" => () => 1,
                        // A gender that is neither of the source's two codes.
                        "gender" => source switch
                        {
                            UpstreamSource.Sms => () => "X",
                            UpstreamSource.Provincial => () => 3,
                            _ => () => "03",
                        },
                        _ => throw new InvalidOperationException($"No impossible value for {field}."),
                    };
                    edits.Add(dataset, key, o => o[wire] = value());
                    return person;
                }
        }
    }

    /// <summary>
    /// The record without its source key; its MOET code and personal ID still say whose it is, so the reader stores a placeholder
    /// that pairs with its counterparts: they are not reported missing, and the placeholder raises one record_quarantined.
    /// </summary>
    private PlantedPerson Quarantine(PlantedPerson person, UpstreamSource source, RecordEdits edits)
    {
        var sms = person.Sms[0];
        var (dataset, key) = RecordOf(person, source);
        edits.RemoveKey(dataset, key);
        var record = source switch
        {
            UpstreamSource.Sms => sms,
            UpstreamSource.Provincial => person.Provincial!,
            _ => person.National!,
        };
        // The provincial and national keys are the MOET code: without them only the personal ID is left to attribute the record.
        var moetCode = source == UpstreamSource.Sms ? record.MoetCode : null;
        _quarantined.Add(new QuarantinedRecordKey(source.Name(), dataset.UrlName, null, moetCode, record.PersonalId, Attributable: true));
        _items.Add(source == UpstreamSource.Sms
            ? new GroundTruthItem(MismatchKinds.RecordQuarantined, SourceNames.Sms, KindName(sms), sms.School.Code, null, sms.MoetCode, null)
            : new GroundTruthItem(MismatchKinds.RecordQuarantined, source.Name(), KindName(sms), sms.School.Code, sms.SmsKey, sms.MoetCode, null));

        // Exams of a pupil whose SMS record has no key would point at nothing; a placeholder raises no health_not_synced anyway.
        return source == UpstreamSource.Sms ? person with { Sms = [sms with { Exams = [] }] } : person;
    }

    private void VaryShape(DatasetDefinition dataset, string key, RecordEdits edits)
    {
        if (_random.NextDouble() < _recordShare)
        {
            var seed = _random.Next();
            edits.Add(dataset, key, o => WireShapes.PadKeysAndCodes(o, dataset, new Random(seed)));
        }

        if (_random.NextDouble() < _recordShare)
        {
            edits.Add(dataset, key, o => WireShapes.OffsetTimestamps(o, dataset));
        }

        if (_random.NextDouble() < _recordShare)
        {
            var seed = _random.Next();
            edits.Add(dataset, key, o => WireShapes.AddUnknownProperties(o, new Random(seed)));
        }

        // Last, so the order shuffled is the record's final set of properties.
        if (_random.NextDouble() < _recordShare)
        {
            var seed = _random.Next();
            edits.Add(dataset, key, o => WireShapes.ShuffleProperties(o, new Random(seed)));
        }
    }

    private static IEnumerable<(DatasetDefinition Dataset, string Key)> Records(PlantedPerson person)
    {
        foreach (var sms in person.Sms)
        {
            yield return (WireWriter.SmsDataset(sms), sms.SmsKey);
            foreach (var exam in sms.Exams)
            {
                yield return (DatasetDefinition.SmsHealthExams, exam.ExamId);
            }
        }

        if (person.Provincial is { } provincial)
        {
            yield return (WireWriter.ProvincialDataset(provincial), provincial.MoetCode!);
        }

        if (person.National is { } national)
        {
            yield return (WireWriter.NationalDataset(national), national.MoetCode!);
        }
    }

    private static (DatasetDefinition Dataset, string Key) RecordOf(PlantedPerson person, UpstreamSource source) => source switch
    {
        UpstreamSource.Sms => (WireWriter.SmsDataset(person.Sms[0]), person.Sms[0].SmsKey),
        UpstreamSource.Provincial => (WireWriter.ProvincialDataset(person.Provincial!), person.Provincial!.MoetCode!),
        _ => (WireWriter.NationalDataset(person.National!), person.National!.MoetCode!),
    };

    private static string KindName(Person person) => person.Kind == PersonKind.Student ? "student" : "staff";

    private string Pick(string[] codes) => codes[_random.Next(codes.Length)];

    private int[] Distinct(int count, int wanted)
    {
        var indices = Enumerable.Range(0, count).ToArray();
        _random.Shuffle(indices);
        return indices[..Math.Clamp(wanted, 0, count)];
    }

    /// <summary>
    /// How many persons of one kind each slot still needs. Twice as many clean persons are offered a slot as there are slots to
    /// fill, so a slot with a condition (a pupil with an exam) and the few inactive persons still leave every slot filled.
    /// </summary>
    private sealed class Quota
    {
        private readonly IReadOnlyList<VariationSlot> _slots;
        private readonly int[] _remaining;
        private readonly double _offerShare;

        public Quota(IReadOnlyList<VariationSlot> slots, int clean, SimulatorOptions options)
        {
            _slots = slots;
            var perSlot = Math.Max(options.MinimumPlantsPerDetail, (int)Math.Round(clean * options.PlantShare * SlotShareOfPlantShare));
            // Tiny data sets keep at least half their clean persons clean, as the planter does with all persons.
            perSlot = Math.Min(perSlot, clean / 2 / slots.Count);
            _remaining = [.. slots.Select(_ => perSlot)];
            _offerShare = clean == 0 ? 0 : Math.Min(1, 2.0 * perSlot * slots.Count / clean);
        }

        public VariationSlot? Take(Person person, Random random)
        {
            if (random.NextDouble() >= _offerShare)
            {
                return null;
            }

            // Start anywhere, so the slots fill evenly along the persons rather than one after the other.
            var start = random.Next(_slots.Count);
            for (var i = 0; i < _slots.Count; i++)
            {
                var index = (start + i) % _slots.Count;
                if (_remaining[index] > 0 && _slots[index].Fits(person))
                {
                    _remaining[index]--;
                    return _slots[index];
                }
            }

            return null;
        }
    }
}

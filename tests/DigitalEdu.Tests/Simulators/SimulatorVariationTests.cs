using System.Globalization;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Tests.Simulators;

/// <summary>
/// Vendor variation: each variation is in the served JSON when it is on and absent when it is off, and the ground truth of the
/// new kinds and of the code-list drift is exactly what the served JSON holds, read by the rules written out in
/// <see cref="WireReading"/>.
/// </summary>
public sealed class SimulatorVariationTests(VariationFixture fixture) : IClassFixture<VariationFixture>
{
    private static readonly string[] LonePlantStatuses = ["suspended", "TAM_DUNG"];

    // Each listing's properties in the order the simulator writes them when nothing is shuffled.
    private static readonly Dictionary<string, string[]> CanonicalOrder = new()
    {
        ["sms-students"] = ["studentId", "moetCode", "personalId", "fullName", "dateOfBirth", "gender", "ethnicityCode", "fatherName", "motherName",
            "schoolCode", "grade", "className", "status", "updatedAt"],
        ["sms-staff"] = ["staffId", "moetStaffCode", "personalId", "fullName", "dateOfBirth", "gender", "schoolCode", "position", "status", "updatedAt"],
        ["sms-health-exams"] = ["examId", "studentId", "examDate", "heightCm", "weightKg", "bmi", "bloodGroup", "eyeCondition", "congenitalCondition",
            "spineCondition", "canSwim", "updatedAt"],
        ["provincial-learners"] = ["maHocSinh", "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh", "maDanToc", "hoTenCha", "hoTenMe", "maTruong", "khoi",
            "lop", "trangThai", "capNhatLuc"],
        ["provincial-staff"] = ["maCanBo", "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh", "maTruong", "viTri", "trangThai", "capNhatLuc"],
        ["national-students"] = ["HOC_SINH_ID", "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH", "MA_DAN_TOC", "TEN_CHA", "TEN_ME", "TRUONG_ID",
            "KHOI", "LOP", "MA_TRANG_THAI", "XAC_THUC_DAN_CU", "SUC_KHOE", "NGAY_CAP_NHAT"],
        ["national-staff"] = ["GIAO_VIEN_ID", "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH", "TRUONG_ID", "VI_TRI", "MA_TRANG_THAI",
            "XAC_THUC_DAN_CU", "NGAY_CAP_NHAT"],
    };

    private static readonly Dictionary<string, Func<ServedData, int>> Variations = new()
    {
        ["unknown status/sms"] = d => UnknownCodes(d, "sms", "status").Count(c => !LonePlantStatuses.Contains(c)),
        ["unknown status/provincial"] = d => UnknownCodes(d, "provincial", "status").Count(c => !LonePlantStatuses.Contains(c)),
        ["unknown status/national"] = d => UnknownCodes(d, "national", "status").Count(c => !LonePlantStatuses.Contains(c)),
        ["unknown position/sms"] = d => UnknownCodes(d, "sms", "position").Count(),
        ["unknown position/provincial"] = d => UnknownCodes(d, "provincial", "position").Count(),
        ["unknown position/national"] = d => UnknownCodes(d, "national", "position").Count(),
        ["unknown ethnicity/sms"] = d => UnknownCodes(d, "sms", "ethnicityCode").Count(),
        ["unknown ethnicity/provincial"] = d => UnknownCodes(d, "provincial", "ethnicityCode").Count(),
        ["unknown ethnicity/national"] = d => UnknownCodes(d, "national", "ethnicityCode").Count(),
        ["unknown population status"] = d => UnknownCodes(d, "national", "populationCheck.status").Count(),
        ["unknown level/sms"] = d => d.SmsSchools.Count(s => !WireReading.Levels.Contains(s["level"]!.GetValue<string>())),
        ["unknown level/national"] = d => d.NationalSchools.Count(s => !WireReading.Levels.Contains(s["CAP_HOC"]!.GetValue<string>())),
        ["no commune name/sms"] = d => d.SmsSchools.Count(s => s["communeName"] is null),
        ["offset timestamp/sms"] = d => Count(d, "sms", r => IsOffset(r.Json[UpdatedField(r.Dataset)])),
        ["offset timestamp/provincial"] = d => Count(d, "provincial", r => IsOffset(r.Json[UpdatedField(r.Dataset)])),
        ["offset timestamp/national"] = d => Count(d, "national", r => IsOffset(r.Json[UpdatedField(r.Dataset)])),
        ["offset timestamp/exams"] = d => d.Of("sms-health-exams").Count(r => IsOffset(r.Json["updatedAt"])),
        ["offset timestamp/population check"] = d => Count(d, "national", r => IsOffset(r.Json["XAC_THUC_DAN_CU"]?["THOI_DIEM"])),
        ["extra properties/sms"] = d => Count(d, "sms", HasExtraProperties),
        ["extra properties/provincial"] = d => Count(d, "provincial", HasExtraProperties),
        ["extra properties/national"] = d => Count(d, "national", HasExtraProperties),
        ["shuffled order/sms"] = d => Count(d, "sms", IsShuffled),
        ["shuffled order/provincial"] = d => Count(d, "provincial", IsShuffled),
        ["shuffled order/national"] = d => Count(d, "national", IsShuffled),
        ["spaces around keys and codes/sms"] = d => Count(d, "sms", HasPaddedKeysOrCodes),
        ["spaces around keys and codes/provincial"] = d => Count(d, "provincial", HasPaddedKeysOrCodes),
        ["spaces around keys and codes/national"] = d => Count(d, "national", HasPaddedKeysOrCodes),
    };

    public static TheoryData<string> VariationNames => [.. Variations.Keys];

    [Theory]
    [MemberData(nameof(VariationNames))]
    public void Variation_is_served_when_on_and_absent_when_off(string variation)
    {
        Assert.True(Variations[variation](fixture.OnServed) > 0, $"{variation}: none served with variation on");
        Assert.Equal(0, Variations[variation](fixture.OffServed));
    }

    [Theory]
    [InlineData("sms", "student", "dateOfBirth")]
    [InlineData("sms", "student", "grade")]
    [InlineData("sms", "student", "fullName")]
    [InlineData("sms", "student", "className")]
    [InlineData("sms", "student", "gender")]
    [InlineData("sms", "student", "ethnicityCode")]
    [InlineData("sms", "student", "healthExam.heightCm")]
    [InlineData("sms", "student", "healthExam.examDate")]
    [InlineData("provincial", "student", "dateOfBirth")]
    [InlineData("provincial", "student", "grade")]
    [InlineData("provincial", "student", "fullName")]
    [InlineData("provincial", "student", "className")]
    [InlineData("provincial", "student", "gender")]
    [InlineData("provincial", "student", "ethnicityCode")]
    [InlineData("national", "student", "dateOfBirth")]
    [InlineData("national", "student", "grade")]
    [InlineData("national", "student", "fullName")]
    [InlineData("national", "student", "className")]
    [InlineData("national", "student", "gender")]
    [InlineData("national", "student", "ethnicityCode")]
    [InlineData("national", "student", "nationalHealth.heightCm")]
    [InlineData("national", "student", "nationalHealth.examDate")]
    [InlineData("sms", "staff", "dateOfBirth")]
    [InlineData("sms", "staff", "fullName")]
    [InlineData("sms", "staff", "gender")]
    [InlineData("sms", "staff", "position")]
    [InlineData("provincial", "staff", "dateOfBirth")]
    [InlineData("provincial", "staff", "fullName")]
    [InlineData("provincial", "staff", "gender")]
    [InlineData("provincial", "staff", "position")]
    [InlineData("national", "staff", "dateOfBirth")]
    [InlineData("national", "staff", "fullName")]
    [InlineData("national", "staff", "gender")]
    [InlineData("national", "staff", "position")]
    public void Impossible_value_is_planted_on_a_clean_person_of_every_source_and_kind(string source, string personKind, string field)
    {
        var planted = ServedUnreadable(fixture.OnServed)
            .Where(u => u.Source == source && u.Item.PersonKind == personKind && u.Item.Field == field && u.Clean)
            .ToList();
        Assert.NotEmpty(planted);
        // One field each: no record of a clean person carries a second impossible value.
        Assert.All(planted, u => Assert.Single(WireReading.UnreadableFields(u.Record)));
    }

    [Theory]
    [InlineData("sms", "student")]
    [InlineData("provincial", "student")]
    [InlineData("national", "student")]
    [InlineData("sms", "staff")]
    [InlineData("provincial", "staff")]
    [InlineData("national", "staff")]
    public void Keyless_but_attributable_record_is_planted_on_a_clean_person_of_every_source_and_kind(string source, string personKind)
    {
        var truth = fixture.On.GroundTruth.Items.Where(i => i.Kind == MismatchKinds.RecordQuarantined && i.Detail == source && i.PersonKind == personKind);
        // A clean person's record: its counterparts exist, so the item names the SMS record (or, on the SMS side, its MOET code).
        Assert.Contains(truth, i => source == "sms" ? i.SmsKey is null && i.MoetCode is not null : i.SmsKey is not null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CodeDrift_is_exactly_the_unknown_codes_served(bool variation)
    {
        var served = fixture.Served(variation);
        var counted = served.Records.Where(WireReading.HasKey)
            .SelectMany(r => WireReading.UnknownCodes(r).Select(c => (Source: WireReading.SourceOf(r.Dataset), c.Field, c.Code)))
            .Concat(served.SmsSchools.Select(s => (Source: "sms", Field: "level", Code: s["level"]!.GetValue<string>())))
            .Concat(served.NationalSchools.Select(s => (Source: "national", Field: "level", Code: s["CAP_HOC"]!.GetValue<string>())))
            .Where(c => c.Field != "level" || !WireReading.Levels.Contains(c.Code))
            .GroupBy(c => c)
            .Select(g => $"{g.Key.Source}|{g.Key.Field}|{g.Key.Code}|{g.Count()}")
            .Order(StringComparer.Ordinal);
        var truth = fixture.Host(variation).GroundTruth.CodeDrift.Select(d => $"{d.Source}|{d.Field}|{d.Code}|{d.Records}").Order(StringComparer.Ordinal);

        Assert.Equal(counted, truth);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unreadable_items_are_exactly_the_impossible_values_served(bool variation)
    {
        var expected = ServedUnreadable(fixture.Served(variation)).Select(u => Line(u.Item)).Order(StringComparer.Ordinal);
        var truth = fixture.Host(variation).GroundTruth.Items.Where(i => i.Kind == MismatchKinds.UnreadableValue).Select(Line).Order(StringComparer.Ordinal);

        Assert.Equal(expected, truth);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Quarantined_items_are_exactly_the_keyless_attributable_records_served(bool variation)
    {
        var served = fixture.Served(variation);
        var smsByDigits = served.Records.Where(r => WireReading.SourceOf(r.Dataset) == "sms" && r.Dataset != "sms-health-exams" && WireReading.HasKey(r))
            .Where(r => WireReading.Digits(r.Json[WireReading.Names(r.Dataset).PersonalId]) is { Length: 12 })
            .ToLookup(r => (WireReading.PersonKindOf(r.Dataset), WireReading.Digits(r.Json[WireReading.Names(r.Dataset).PersonalId])));
        var expected = new List<string>();
        foreach (var record in served.Records.Where(r => r.Dataset != "sms-health-exams" && !WireReading.HasKey(r)))
        {
            var names = WireReading.Names(record.Dataset);
            var source = WireReading.SourceOf(record.Dataset);
            var kind = WireReading.PersonKindOf(record.Dataset);
            var moet = names.MoetCode is { } m ? WireReading.Code(record.Json[m]) : null;
            var digits = WireReading.Digits(record.Json[names.PersonalId]);
            if (moet is null && digits is null)
            {
                continue;
            }

            if (source == "sms")
            {
                expected.Add(Line(new GroundTruthItem(MismatchKinds.RecordQuarantined, "sms", kind, record.ListingSchool, null, moet, null)));
                continue;
            }

            // A provincial or national placeholder concerns the SMS record with its digits, when there is one; a provincial one
            // is only ever reported through that SMS record.
            var partner = smsByDigits[(kind, digits)].FirstOrDefault();
            if (source == "provincial" && partner is null)
            {
                continue;
            }

            expected.Add(Line(partner is null
                ? new GroundTruthItem(MismatchKinds.RecordQuarantined, source, kind, record.ListingSchool, null, null, null)
                : new GroundTruthItem(MismatchKinds.RecordQuarantined, source, kind, partner.ListingSchool, Key(partner),
                    WireReading.Code(partner.Json[WireReading.Names(partner.Dataset).MoetCode!]), null)));
        }

        var truth = fixture.Host(variation).GroundTruth.Items.Where(i => i.Kind == MismatchKinds.RecordQuarantined).Select(Line);
        Assert.Equal(expected.Order(StringComparer.Ordinal), truth.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Quarantined_list_and_expected_stored_counts_follow_the_served_records(bool variation)
    {
        var served = fixture.Served(variation);
        var host = fixture.Host(variation);

        // Keyless person records by (source, listing, attributable), and exams without their id or their pupil.
        string Unplaced(ServedRecord r)
        {
            var names = r.Dataset == "sms-health-exams" ? null : WireReading.Names(r.Dataset);
            var attributable = names is not null
                && ((names.MoetCode is { } m && WireReading.Code(r.Json[m]) is not null) || WireReading.Digits(r.Json[names.PersonalId]) is not null);
            return $"{WireReading.SourceOf(r.Dataset)}|{UrlName(r.Dataset)}|{attributable}";
        }

        var unplaced = served.Records
            .Where(r => !WireReading.HasKey(r) || (r.Dataset == "sms-health-exams" && WireReading.Code(r.Json["studentId"]) is null))
            .ToList();
        Assert.Equal(unplaced.Select(Unplaced).Order(StringComparer.Ordinal),
            host.GroundTruth.Quarantined.Select(q => $"{q.Source}|{q.Dataset}|{q.Attributable}").Order(StringComparer.Ordinal));

        // What a clean run stores: every record served, less what cannot be placed unless it leaves a placeholder.
        var stored = served.Records.Where(r => !unplaced.Contains(r) || Unplaced(r).EndsWith("|True", StringComparison.Ordinal))
            .GroupBy(r => r.Dataset).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(stored.OrderBy(p => p.Key), host.ExpectedStoredCounts().OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lone_kept_record_raises_what_a_record_alone_raises(bool variation)
    {
        var served = fixture.Served(variation);
        var persons = served.Records.Where(r => r.Dataset != "sms-health-exams" && WireReading.HasKey(r)).ToList();
        // Who each MOET code and 12 digits belong to, per source: a record is alone when no other source holds either.
        var holders = persons
            .SelectMany(r => new[] { Moet(r), WireReading.Digits(r.Json[WireReading.Names(r.Dataset).PersonalId]) }.OfType<string>()
                .Select(id => (Id: (WireReading.PersonKindOf(r.Dataset), id), Source: WireReading.SourceOf(r.Dataset))))
            .ToLookup(h => h.Id, h => h.Source);
        var lone = persons.Where(r =>
            new[] { Moet(r), WireReading.Digits(r.Json[WireReading.Names(r.Dataset).PersonalId]) }.OfType<string>()
                .All(id => holders[(WireReading.PersonKindOf(r.Dataset), id)].All(s => s == WireReading.SourceOf(r.Dataset))));
        var kept = lone.Where(r => WireReading.UnreadableFields(r).Any() || WireReading.UnknownCodes(r).Any()).ToList();
        Assert.NotEmpty(kept);

        var truth = fixture.Host(variation).GroundTruth.Items;
        foreach (var record in kept)
        {
            var source = WireReading.SourceOf(record.Dataset);
            var kind = WireReading.PersonKindOf(record.Dataset);
            var (smsKey, moet) = source == "sms" ? (Key(record), Moet(record)) : (null, Key(record));
            // A provincial record alone is pointed to by no SMS record, through which alone it would be reported.
            var expected = source == "provincial" ? [] : WireReading.UnreadableFields(record)
                .Select(f => new GroundTruthItem(MismatchKinds.UnreadableValue, f, kind, record.ListingSchool, smsKey, moet, f))
                .ToList();
            // A record with an unknown status is present but not active: it raises nothing of its own. An active one alone is missing.
            if (!WireReading.UnknownCodes(record).Any(c => c.Field == "status"))
            {
                expected.AddRange(source switch
                {
                    "sms" => [new(MismatchKinds.MissingInNational, null, kind, record.ListingSchool, smsKey, moet, null),
                        new(MismatchKinds.ProvincialStale, "missing", kind, record.ListingSchool, smsKey, moet, null)],
                    "national" => [new(MismatchKinds.MissingInSms, null, kind, record.ListingSchool, null, moet, null)],
                    _ => Array.Empty<GroundTruthItem>(),
                });
            }

            var about = truth.Where(i => i.PersonKind == kind && (smsKey is not null ? i.SmsKey == smsKey : i.SmsKey is null && i.MoetCode == moet));
            Assert.Equal(expected.Select(Line).Order(StringComparer.Ordinal), about.Select(Line).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Variation_adds_only_the_new_kinds_and_leaves_every_planted_item_as_it_was()
    {
        var on = fixture.On.GroundTruth.Items.Select(Line).ToList();
        var off = fixture.Off.GroundTruth.Items.Select(Line).ToList();
        foreach (var line in off)
        {
            Assert.True(on.Remove(line), $"missing with variation on: {line}");
        }

        Assert.NotEmpty(on);
        Assert.All(on, line => Assert.True(
            line.StartsWith(MismatchKinds.UnreadableValue + "|", StringComparison.Ordinal) || line.StartsWith(MismatchKinds.RecordQuarantined + "|", StringComparison.Ordinal),
            line));
    }

    [Fact]
    public void Schools_carry_commune_names_and_the_same_unknown_level_in_both_lists()
    {
        var served = fixture.OnServed;
        var national = served.NationalSchools.ToDictionary(s => s["TRUONG_ID"]!.GetValue<string>());
        Assert.All(served.NationalSchools, s => Assert.Matches("^(Phường|Xã) [A-ZĐ]", s["TEN_XA"]!.GetValue<string>()));
        foreach (var school in served.SmsSchools)
        {
            var twin = national[school["schoolCode"]!.GetValue<string>()];
            Assert.Equal(twin["CAP_HOC"]!.GetValue<string>(), school["level"]!.GetValue<string>());
            if (school["communeName"] is { } name)
            {
                Assert.Equal(twin["TEN_XA"]!.GetValue<string>(), name.GetValue<string>());
            }
        }

        Assert.All(fixture.OffServed.SmsSchools, s => Assert.NotNull(s["communeName"]));
    }

    [Theory]
    [InlineData("sms-students")]
    [InlineData("sms-staff")]
    [InlineData("sms-health-exams")]
    [InlineData("provincial-learners")]
    [InlineData("national-students")]
    [InlineData("national-staff")]
    public void Listings_stay_in_instant_order_whatever_offset_a_timestamp_is_written_in(string dataset)
    {
        var bySchool = fixture.OnServed.Of(dataset).GroupBy(r => dataset.StartsWith("sms-", StringComparison.Ordinal) ? r.ListingSchool : "");
        foreach (var listing in bySchool)
        {
            var stamps = listing.Select(r => DateTimeOffset.Parse(r.Json[UpdatedField(dataset)]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First <= p.Second), $"{dataset} {listing.Key} out of order");
        }
    }

    [Fact]
    public async Task Variation_is_the_same_for_the_same_seed()
    {
        await using var twin = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        using var client = new UpstreamClient(twin);

        Assert.True(twin.GroundTruth.VendorVariation);
        Assert.Equal(fixture.On.GroundTruthJson(), twin.GroundTruthJson());
        foreach (var (source, path) in new[]
        {
            (UpstreamSource.Sms, "/api/v1/schools"),
            (UpstreamSource.Provincial, "/api/v1/staff?limit=1000"),
            (UpstreamSource.National, "/api/v1/provinces/22/schools"),
        })
        {
            Assert.Equal((await fixture.OnClient.GetJsonAsync(source, path)).ToJsonString(), (await client.GetJsonAsync(source, path)).ToJsonString());
        }

        var mine = await fixture.OnClient.WalkAsync(UpstreamSource.National, "/api/v1/provinces/22/students?");
        var theirs = await client.WalkAsync(UpstreamSource.National, "/api/v1/provinces/22/students?");
        Assert.Equal(mine.Select(i => i.ToJsonString()), theirs.Select(i => i.ToJsonString()));
    }

    [Theory]
    [InlineData(new[] { "--vendor-variation", "off" }, false)]
    [InlineData(new[] { "--vendor-variation", "on" }, true)]
    [InlineData(new string[0], true)]
    public void Command_line_switches_variation(string[] args, bool expected) =>
        Assert.Equal(expected, SimulatorProgram.ParseArguments(args).VendorVariation);

    [Fact]
    public void Command_line_refuses_another_word_for_variation() =>
        Assert.Throws<ArgumentException>(() => SimulatorProgram.ParseArguments(["--vendor-variation", "yes"]));

    /// <summary>
    /// The unreadable_value items the served data calls for, each with the record it is about and whether that record's person is
    /// clean (an SMS record for it, and records in all three sources).
    /// </summary>
    private static List<(string Source, GroundTruthItem Item, ServedRecord Record, bool Clean)> ServedUnreadable(ServedData served)
    {
        var smsRecords = served.Records.Where(r => r.Dataset is "sms-students" or "sms-staff" && WireReading.HasKey(r)).ToList();
        var smsByKey = smsRecords.ToDictionary(Key);
        var smsByMoet = smsRecords.Where(r => WireReading.Code(r.Json[WireReading.Names(r.Dataset).MoetCode!]) is not null)
            .ToLookup(r => (WireReading.PersonKindOf(r.Dataset), WireReading.Code(r.Json[WireReading.Names(r.Dataset).MoetCode!])));
        var moetInAll = served.Records.Where(r => r.Dataset is not ("sms-health-exams" or "sms-students" or "sms-staff") && WireReading.HasKey(r))
            .GroupBy(r => (WireReading.PersonKindOf(r.Dataset), Key(r)))
            .Where(g => g.Select(r => WireReading.SourceOf(r.Dataset)).Distinct().Count() == 2)
            .Select(g => g.Key)
            .ToHashSet();

        var result = new List<(string, GroundTruthItem, ServedRecord, bool)>();
        foreach (var record in served.Records.Where(r => WireReading.HasKey(r) && (r.Dataset != "sms-health-exams" || WireReading.Code(r.Json["studentId"]) is not null)))
        {
            var source = WireReading.SourceOf(record.Dataset);
            var kind = WireReading.PersonKindOf(record.Dataset);
            ServedRecord? sms;
            string? ownMoet = null;
            if (record.Dataset == "sms-health-exams")
            {
                sms = smsByKey[WireReading.Code(record.Json["studentId"])!];
            }
            else if (source == "sms")
            {
                sms = record;
            }
            else
            {
                ownMoet = Key(record);
                sms = smsByMoet[(kind, ownMoet)].FirstOrDefault();
            }

            // A provincial record is reported only through the SMS record with its MOET code: one that no SMS record points to raises nothing.
            if (source == "provincial" && sms is null)
            {
                continue;
            }

            var moet = sms is null ? ownMoet : WireReading.Code(sms.Json[WireReading.Names(sms.Dataset).MoetCode!]);
            var clean = sms is not null && moet is not null && moetInAll.Contains((kind, moet));
            foreach (var field in WireReading.UnreadableFields(record))
            {
                var item = new GroundTruthItem(MismatchKinds.UnreadableValue, field, kind, (sms ?? record).ListingSchool, sms is null ? null : Key(sms), moet, field);
                result.Add((source, item, record, clean));
            }
        }

        return result;
    }

    private static string? Moet(ServedRecord record) =>
        WireReading.Names(record.Dataset).MoetCode is { } field ? WireReading.Code(record.Json[field]) : WireReading.Code(record.Json[WireReading.Names(record.Dataset).Key]);

    private static string Key(ServedRecord record) => WireReading.Code(record.Json[WireReading.KeyField(record.Dataset)])!;

    private static string Line(GroundTruthItem i) => $"{i.Kind}|{i.Detail}|{i.PersonKind}|{i.SchoolCode}|{i.SmsKey}|{i.MoetCode}|{i.Field}";

    private static IEnumerable<string> UnknownCodes(ServedData data, string source, string field) =>
        data.Records.Where(r => WireReading.SourceOf(r.Dataset) == source).SelectMany(WireReading.UnknownCodes).Where(c => c.Field == field).Select(c => c.Code);

    private static int Count(ServedData data, string source, Func<ServedRecord, bool> predicate) =>
        data.Records.Count(r => WireReading.SourceOf(r.Dataset) == source && predicate(r));

    private static string UpdatedField(string dataset) => dataset switch
    {
        "sms-health-exams" => "updatedAt",
        _ => WireReading.Names(dataset).UpdatedAt,
    };

    private static string UrlName(string dataset) => dataset switch
    {
        "sms-students" or "national-students" => "students",
        "provincial-learners" => "learners",
        "sms-health-exams" => "health-exams",
        _ => "staff",
    };

    private static bool IsOffset(JsonNode? node) => WireReading.Text(node)?.EndsWith("+07:00", StringComparison.Ordinal) == true;

    private static bool HasExtraProperties(ServedRecord record) => record.Json.Any(p => !CanonicalOrder[record.Dataset].Contains(p.Key));

    private static bool IsShuffled(ServedRecord record)
    {
        var canonical = CanonicalOrder[record.Dataset];
        var known = record.Json.Select(p => p.Key).Where(canonical.Contains).ToList();
        return !known.SequenceEqual(canonical.Where(known.Contains));
    }

    private static bool HasPaddedKeysOrCodes(ServedRecord record)
    {
        string?[] fields = record.Dataset == "sms-health-exams"
            ? ["examId", "studentId"]
            : [WireReading.Names(record.Dataset).Key, WireReading.Names(record.Dataset).MoetCode, WireReading.Names(record.Dataset).PersonalId,
               WireReading.Names(record.Dataset).SchoolCode, WireReading.Names(record.Dataset).Status, WireReading.Names(record.Dataset).EthnicityCode];
        return fields.Any(f => f is not null && WireReading.Text(record.Json[f]) is { } text && text != text.Trim());
    }
}

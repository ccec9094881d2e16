using System.Globalization;
using System.Text.Json.Nodes;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Text;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Tests.Simulators;

/// <summary>
/// A small, slow, literal reading of the reconcile rules (src/DigitalEdu.Sync/Reconcile/README.md) over what the simulators serve,
/// using the domain's own ID check and name key. It checks the planting against the rules independently of the reconciler.
/// </summary>
public static class RulesOracle
{
    public sealed record Rec(
        string PersonKind, string Key, string? Moet, string? RawId, string Name, DateOnly Dob, Gender Gender, string School, string Status,
        string? Father, string? Mother, string? Ethnicity, int? Grade, string? Class, DateTimeOffset Updated, string? Verification = null,
        DateOnly? NationalExam = null)
    {
        public bool Active => Status is "studying" or "working";

        public PersonalIdCheck Id => PersonalIdNumber.Check(RawId, Gender, Dob);
    }

    public static Rec? Sms(JsonObject o, string personKind) => Try(() => new Rec(
        personKind, Str(o, personKind == "student" ? "studentId" : "staffId")!, Str(o, personKind == "student" ? "moetCode" : "moetStaffCode"),
        Str(o, "personalId"), Name(o, "fullName")!, Iso(o, "dateOfBirth"), Str(o, "gender") switch { "male" => Gender.Male, "female" => Gender.Female, _ => throw new FormatException() },
        Str(o, "schoolCode")!, Status(Str(o, "status")!, personKind), Name(o, "fatherName"), Name(o, "motherName"), Str(o, "ethnicityCode"),
        personKind == "student" ? Grade(o, "grade") : null, Str(o, "className"), Instant(o, "updatedAt")));

    public static Rec? Provincial(JsonObject o, string personKind) => Try(() => new Rec(
        personKind, Str(o, personKind == "student" ? "maHocSinh" : "maCanBo")!, Str(o, personKind == "student" ? "maHocSinh" : "maCanBo"),
        Str(o, "soDinhDanh"), Name(o, "hoTen")!, Iso(o, "ngaySinh"), o["gioiTinh"]!.GetValue<int>() switch { 1 => Gender.Male, 2 => Gender.Female, _ => throw new FormatException() },
        Str(o, "maTruong")!, Status(Str(o, "trangThai")!, personKind), Name(o, "hoTenCha"), Name(o, "hoTenMe"), Str(o, "maDanToc"),
        personKind == "student" ? Grade(o, "khoi") : null, Str(o, "lop"), Instant(o, "capNhatLuc")));

    public static Rec? National(JsonObject o, string personKind) => Try(() => new Rec(
        personKind, Str(o, personKind == "student" ? "HOC_SINH_ID" : "GIAO_VIEN_ID")!, Str(o, personKind == "student" ? "HOC_SINH_ID" : "GIAO_VIEN_ID"),
        Str(o, "MA_DINH_DANH"), Name(o, "HO_TEN")!, DateOnly.ParseExact(Str(o, "NGAY_SINH")!, "dd/MM/yyyy", CultureInfo.InvariantCulture),
        Str(o, "MA_GIOI_TINH") switch { "01" => Gender.Male, "02" => Gender.Female, _ => throw new FormatException() },
        Str(o, "TRUONG_ID")!, Status(Str(o, "MA_TRANG_THAI")!, personKind), Name(o, "TEN_CHA"), Name(o, "TEN_ME"), Str(o, "MA_DAN_TOC"),
        personKind == "student" ? Grade(o, "KHOI") : null, Str(o, "LOP"), Instant(o, "NGAY_CAP_NHAT"),
        o["XAC_THUC_DAN_CU"]!["TRANG_THAI"]!.GetValue<string>(),
        o["SUC_KHOE"] is JsonObject h ? DateOnly.ParseExact(h["NGAY_KHAM"]!.GetValue<string>(), "dd/MM/yyyy", CultureInfo.InvariantCulture) : null));

    /// <summary>The items the rules produce for one person kind, in the ground truth's conventions.</summary>
    public static List<GroundTruthItem> Reconcile(List<Rec> sms, List<Rec> provincial, List<Rec> national, Dictionary<string, DateOnly> latestExamBySmsKey)
    {
        var items = new List<GroundTruthItem>();
        var smsHeld = DuplicateGroups(sms);
        var nationalHeld = DuplicateGroups(national);
        foreach (var r in smsHeld)
        {
            items.Add(SmsItem(MismatchKinds.IdDuplicate, null, r));
        }

        foreach (var r in nationalHeld)
        {
            items.Add(NationalItem(MismatchKinds.IdDuplicate, null, r, null));
        }

        var heldDigits = smsHeld.Concat(nationalHeld).Select(r => r.Id.Digits).ToHashSet();
        var heldMoets = smsHeld.Concat(nationalHeld).Select(r => r.Moet).Where(m => m is not null).ToHashSet();
        bool Held(Rec r) => smsHeld.Contains(r) || nationalHeld.Contains(r) || (r.Id.Digits is { } d && heldDigits.Contains(d)) || (r.Moet is { } m && heldMoets.Contains(m));

        var pairs = new List<(Rec Sms, Rec National)>();
        var freeSms = sms.Where(r => !Held(r)).ToList();
        var freeNational = national.Where(r => !Held(r)).ToList();
        Pair(r => r.Id.Digits);
        Pair(r => r.Moet);

        void Pair(Func<Rec, string?> by)
        {
            static Dictionary<string, Rec> Best(IEnumerable<Rec> recs, Func<Rec, string?> by) => recs
                .Where(r => by(r) is not null)
                .GroupBy(r => by(r)!)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Active).ThenByDescending(r => r.Updated).First());
            var left = Best(freeSms, by);
            var right = Best(freeNational, by);
            foreach (var (value, s) in left)
            {
                if (right.TryGetValue(value, out var n))
                {
                    pairs.Add((s, n));
                    freeSms.Remove(s);
                    freeNational.Remove(n);
                }
            }
        }

        var pairedSms = pairs.Select(p => p.Sms).ToHashSet();
        var pairedNational = pairs.Select(p => p.National).ToHashSet();
        foreach (var r in sms.Where(r => r.Active))
        {
            IdItems(r, "sms", null);
            if (!Held(r) && !pairedSms.Contains(r))
            {
                items.Add(SmsItem(MismatchKinds.MissingInNational, null, r));
            }
        }

        foreach (var r in national.Where(r => r.Active))
        {
            var counterpart = pairs.FirstOrDefault(p => p.National == r).Sms;
            IdItems(r, "national", counterpart);
            if (r.Id.IsValid && r.Verification != "DA_XAC_THUC")
            {
                items.Add(NationalItem(MismatchKinds.IdUnverified, r.Verification, r, counterpart));
            }

            if (!Held(r) && !pairedNational.Contains(r))
            {
                items.Add(NationalItem(MismatchKinds.MissingInSms, null, r, null));
            }
        }

        foreach (var (s, n) in pairs.Where(p => p.Sms.Active || p.National.Active))
        {
            foreach (var field in DifferingFields(s, n, personalIdOnlyWhenValid: true))
            {
                items.Add(new GroundTruthItem(MismatchKinds.FieldMismatch, field, s.PersonKind, s.School, s.Key, s.Moet, field));
            }

            if (s.Status == "studying" && latestExamBySmsKey.TryGetValue(s.Key, out var examDate) && (n.NationalExam is null || n.NationalExam < examDate))
            {
                items.Add(SmsItem(MismatchKinds.HealthNotSynced, null, s));
            }
        }

        var provincialByMoet = provincial.GroupBy(p => p.Moet!).ToDictionary(g => g.Key, g => g.First());
        foreach (var s in sms.Where(r => r.Active && !Held(r) && r.Moet is not null))
        {
            if (!provincialByMoet.TryGetValue(s.Moet!, out var p))
            {
                items.Add(SmsItem(MismatchKinds.ProvincialStale, "missing", s));
            }
            else if (DifferingFields(s, p, personalIdOnlyWhenValid: false).Any())
            {
                items.Add(SmsItem(MismatchKinds.ProvincialStale, "outdated", s));
            }
        }

        return items;

        void IdItems(Rec r, string side, Rec? counterpart)
        {
            var check = r.Id;
            GroundTruthItem Item(string kind, string detail) => side == "sms" ? SmsItem(kind, detail, r) : NationalItem(kind, detail, r, counterpart);
            if (!check.IsPresent)
            {
                items.Add(Item(MismatchKinds.IdMissing, side));
            }
            else if (!check.IsValid)
            {
                items.Add(Item(MismatchKinds.IdInvalid, check.Defect.ToDetail()));
            }
        }
    }

    private static HashSet<Rec> DuplicateGroups(List<Rec> recs) => recs
        .Where(r => r.Active && r.Id.Digits is not null)
        .GroupBy(r => r.Id.Digits)
        .Where(g => g.Count() > 1)
        .SelectMany(g => g)
        .ToHashSet();

    private static IEnumerable<string> DifferingFields(Rec a, Rec b, bool personalIdOnlyWhenValid)
    {
        if (VietnameseText.MatchKey(a.Name) != VietnameseText.MatchKey(b.Name)) yield return "fullName";
        if (a.Dob != b.Dob) yield return "dateOfBirth";
        if (a.Gender != b.Gender) yield return "gender";
        if (a.PersonKind == "student")
        {
            if (VietnameseText.MatchKey(a.Father) != VietnameseText.MatchKey(b.Father)) yield return "fatherName";
            if (VietnameseText.MatchKey(a.Mother) != VietnameseText.MatchKey(b.Mother)) yield return "motherName";
            if (a.Ethnicity != b.Ethnicity) yield return "ethnicityCode";
        }

        if (a.School != b.School) yield return "schoolCode";
        if (a.PersonKind == "student")
        {
            if (a.Grade != b.Grade) yield return "grade";
            if (VietnameseText.Normalize(a.Class) != VietnameseText.Normalize(b.Class)) yield return "className";
        }

        if (a.Status != b.Status) yield return "status";
        if (personalIdOnlyWhenValid)
        {
            if (a.Id.IsValid && b.Id.IsValid && a.Id.Digits != b.Id.Digits) yield return "personalId";
        }
        else if (PersonalIdNumber.Clean(a.RawId) != PersonalIdNumber.Clean(b.RawId))
        {
            yield return "personalId";
        }
    }

    private static GroundTruthItem SmsItem(string kind, string? detail, Rec s) => new(kind, detail, s.PersonKind, s.School, s.Key, s.Moet, null);

    private static GroundTruthItem NationalItem(string kind, string? detail, Rec n, Rec? sms) =>
        new(kind, detail, n.PersonKind, (sms ?? n).School, null, (sms ?? n).Moet, null);

    private static Rec? Try(Func<Rec> read)
    {
        try
        {
            var rec = read();
            return rec.Key is null || rec.Name.Length > 200 ? null : rec;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Str(JsonObject o, string name) => o[name]?.GetValue<string>();

    private static string? Name(JsonObject o, string name) => VietnameseText.Normalize(Str(o, name));

    private static DateOnly Iso(JsonObject o, string name) => DateOnly.ParseExact(Str(o, name)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(JsonObject o, string name) => DateTimeOffset.Parse(Str(o, name)!, CultureInfo.InvariantCulture);

    private static int Grade(JsonObject o, string name) => o[name]!.GetValue<int>() is var g and >= 0 and <= 12 ? g : throw new FormatException();

    private static string Status(string status, string personKind) => (personKind, status) switch
    {
        ("student", "studying" or "DANG_HOC") => "studying",
        ("student", "transferred_out" or "CHUYEN_DI") => "transferred_out",
        ("student", "dropped_out" or "THOI_HOC") => "dropped_out",
        ("student", "graduated" or "TOT_NGHIEP") => "graduated",
        ("staff", "working" or "DANG_LAM_VIEC") => "working",
        ("staff", "left" or "NGHI_VIEC") => "left",
        _ => throw new FormatException(),
    };
}

using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Mismatches;

namespace DigitalEdu.Service.Vocabulary;

/// <summary>Where a school must make the change: in its SMS, in the national database, or with the family.</summary>
public enum FixTarget
{
    Sms,
    National,
    Family,
    Operator,
}

/// <summary>What a school clerk reads next to an item: what differs, which system to change, and which value is more likely right.</summary>
public sealed record Guidance(FixTarget Target, string Text);

/// <summary>
/// What the guidance of an item is written from: the item as stored (its values unmasked: the guidance decides what of a
/// personal ID it may quote) and the person it is about, when their record is known.
/// </summary>
public sealed record GuidanceFacts(
    string Kind, string? Detail, string? Field, string? Side, string PersonKind, string? SmsValue, string? NationalValue,
    string? ProvincialValue, bool NationalVerified, string? PersonalId = null, string? SmsKey = null, string? MoetCode = null,
    ItemPerson? Person = null, Func<string, string?>? SchoolName = null);

/// <summary>
/// The Vietnamese instruction for each kind of item: the person by name and class (or position), the value to enter and the
/// system to enter it in. A value verified against the population database beats an unverified one; the SMS is the
/// day-to-day record of enrolment and the only source of health exams. A personal ID is never quoted whole: only its masked
/// form and the digits a defect is about.
/// </summary>
public static class MismatchGuidance
{
    // Identity fields are what the population database checks; enrolment fields are what the school itself decides.
    private static readonly HashSet<string> IdentityFields =
        [Fields.FullName, Fields.DateOfBirth, Fields.Gender, Fields.FatherName, Fields.MotherName, Fields.PersonalId];

    public static string FieldName(string? field) => Labels.Field(field);

    /// <summary>The guidance for an item without its person (the wording then names the person by their codes).</summary>
    public static Guidance For(
        string kind, string? detail, string? field, string? smsValue, string? nationalValue, string? provincialValue, bool nationalVerified,
        string? side = null) =>
        For(new GuidanceFacts(kind, detail, field, side, WireNames.Student, smsValue, nationalValue, provincialValue, nationalVerified));

    public static Guidance For(GuidanceFacts item)
    {
        var who = Who(item);
        return item.Kind switch
        {
            MismatchKinds.HealthNotSynced => new(FixTarget.Sms,
                $"Gửi lại kết quả khám sức khỏe ngày {Labels.IsoDate(item.SmsValue ?? "")} của {who} từ SMS lên CSDL ngành: "
                + (item.NationalValue is null ? "CSDL ngành chưa có lần khám nào." : $"CSDL ngành mới có lần khám ngày {Labels.IsoDate(item.NationalValue)}.")
                + " SMS là nguồn của dữ liệu sức khỏe."),
            MismatchKinds.IdMissing when item.Detail == WireNames.National => new(FixTarget.National,
                $"Hồ sơ của {who} trên CSDL ngành chưa có số định danh cá nhân. Nhập số định danh 12 chữ số (lấy từ SMS hoặc giấy khai sinh) vào "
                + $"hồ sơ{Code(" mã định danh ngành ", item.MoetCode)} trên CSDL ngành để được xác thực với CSDL dân cư."),
            MismatchKinds.IdMissing => new(FixTarget.Sms,
                $"Hồ sơ của {who} trên SMS chưa có số định danh cá nhân. Nhập số định danh 12 chữ số (theo giấy khai sinh hoặc thẻ căn cước) "
                + "vào SMS, rồi đồng bộ lại."),
            MismatchKinds.IdInvalid => InvalidId(item, who),
            MismatchKinds.IdUnverified => new(FixTarget.Family, Unverified(item, who)),
            MismatchKinds.IdDuplicate => new(item.Side == WireNames.National ? FixTarget.National : FixTarget.Sms,
                $"Số định danh {PersonalIdNumber.Mask(item.PersonalId)} của {who} cũng đang gắn với hồ sơ khác {Active(item.PersonKind)} trên "
                + $"{SystemName(item.Side)} (xem danh sách các hồ sơ cùng số), có thể do chuyển trường chưa hoàn tất. Nếu người này đã chuyển đi, "
                + $"kết thúc hồ sơ cũ; nếu số bị nhập nhầm, sửa số định danh trên {SystemName(item.Side)}."),
            MismatchKinds.MissingInNational => new(FixTarget.Sms,
                $"{Capitalize(who)} {Active(item.PersonKind)} trên SMS nhưng chưa có trên CSDL ngành. Gửi lại hồ sơ này từ SMS lên CSDL ngành"
                + $"{Code(" (mã định danh ngành ", item.MoetCode, ")")}."),
            MismatchKinds.MissingInSms => new(FixTarget.Sms,
                $"CSDL ngành ghi {who} {Active(item.PersonKind)} tại trường, nhưng hồ sơ này không có trên SMS của trường. Nếu vẫn "
                + $"{Active(item.PersonKind)} tại trường: nhập mã định danh ngành {item.MoetCode ?? "(xem CSDL ngành)"} vào SMS cho {who} (thêm hồ sơ "
                + "nếu SMS chưa có); nếu đã rời trường: cập nhật trạng thái trên CSDL ngành."),
            MismatchKinds.FieldMismatch => FieldMismatch(item, who),
            MismatchKinds.ProvincialStale => new(FixTarget.Operator,
                (item.Detail == MismatchDetails.Missing
                    ? $"CSDL tỉnh chưa nhận hồ sơ của {who} từ SMS."
                    : $"CSDL tỉnh đang giữ bản cũ của hồ sơ {who} (khác SMS ở: {Labels.FieldList(item.ProvincialValue)}).")
                + " Đơn vị vận hành kiểm tra luồng đồng bộ SMS → CSDL tỉnh; trường không cần làm gì."),
            MismatchKinds.UnreadableValue => Unreadable(item, who),
            MismatchKinds.RecordQuarantined => item.Detail == WireNames.Sms
                ? new(FixTarget.Sms,
                    $"SMS gửi một hồ sơ không đọc được (thiếu hoặc sai mã hồ sơ) của {who}; hồ sơ được giữ lại nguyên vẹn và vẫn được tính là có. "
                    + $"Mở hồ sơ{Code(" có mã định danh ngành ", item.MoetCode)} trên SMS, kiểm tra mã hồ sơ rồi đồng bộ lại.")
                : new(FixTarget.Operator,
                    $"{SystemName(item.Detail)} gửi một hồ sơ không đọc được (thiếu hoặc sai mã hồ sơ) của {who}; hồ sơ được giữ lại nguyên vẹn và vẫn "
                    + "được tính là có. Đơn vị vận hành liên hệ đơn vị quản lý hệ thống để sửa; trường không cần làm gì."),
            MismatchKinds.GradeTurnover => Turnover(item),
            _ => new(FixTarget.Sms, $"Kiểm tra hồ sơ của {who} trên SMS và CSDL ngành."),
        };
    }

    /// <summary>
    /// A school one system has moved up to the new school year and the other not: the system behind does its "lên lớp" for the
    /// school, and the pupils' grade and class differences wait in this one item meanwhile.
    /// </summary>
    private static Guidance Turnover(GuidanceFacts item)
    {
        var behind = item.Detail == WireNames.Sms ? "SMS" : "CSDL ngành";
        var ahead = item.Detail == WireNames.Sms ? "CSDL ngành" : "SMS";
        var counted = int.TryParse(item.SmsValue, out var shifted) && int.TryParse(item.NationalValue, out var compared)
            ? $" {shifted}/{compared} học sinh của trường trên {ahead} đã ở khối cao hơn một so với {behind}." : "";
        return new(item.Detail == WireNames.Sms ? FixTarget.Sms : FixTarget.National,
            $"{behind} chưa lên lớp.{counted} Thực hiện kết chuyển lên lớp năm học mới cho trường trên {behind}. Trong lúc chờ, sai lệch khối "
            + "và lớp của từng học sinh được gộp vào mục này; khi cả hai hệ thống đã lên lớp, các sai lệch còn lại (nếu có) sẽ hiện lại theo từng học sinh.");
    }

    /// <summary>
    /// The person as a sentence names them: "học sinh Nguyễn Thị Thu Hà, lớp 8A2", "giáo viên Trần Văn Bình"; without a known
    /// name, by the codes the clerk can look up.
    /// </summary>
    public static string Who(GuidanceFacts item)
    {
        var person = item.Person;
        var noun = Labels.PersonNoun(item.PersonKind, person?.Position);
        if (person?.FullName is { } name)
        {
            var place = item.PersonKind == WireNames.Student ? Labels.Class(person.ClassName, person.Grade) : "";
            return place.Length == 0 ? $"{noun} {name}" : $"{noun} {name}, {place}";
        }

        return item.MoetCode is not null ? $"{noun} có mã định danh ngành {item.MoetCode}"
            : item.SmsKey is not null ? $"{noun} có mã SMS {item.SmsKey}"
            : $"{noun} này";
    }

    private static Guidance InvalidId(GuidanceFacts item, string who)
    {
        var system = SystemName(item.Side);
        var target = item.Side == WireNames.National ? FixTarget.National : FixTarget.Sms;
        var raw = item.Side == WireNames.National ? item.NationalValue : item.SmsValue;
        var id = PersonalIdNumber.Clean(raw) ?? raw;
        var defect = PersonalIdNumber.DefectOf(item.Detail);
        var shown = PersonalIdNumber.MaskExcept(id, PersonalIdNumber.PositionsOf(defect));
        switch (defect)
        {
            case PersonalIdDefect.LeadingZeroLost:
                return new(target, $"Số định danh của {who} trên {system} chỉ có 11 chữ số ({shown}): số 0 đầu đã bị mất, có lẽ khi nhập từ Excel. "
                    + $"Nhập lại đủ 12 chữ số (thêm số 0 vào đầu) trên {system}.");
            case PersonalIdDefect.LegacyCmnd:
                return new(target, $"Số đang ghi cho {who} trên {system} ({shown}) là số CMND 9 chữ số cũ, không còn dùng từ 2025. "
                    + $"Nhập số định danh cá nhân 12 chữ số (theo thẻ căn cước hoặc giấy khai sinh) vào {system}.");
            case PersonalIdDefect.UnknownProvinceCode:
                return new(target, $"Ba chữ số đầu của số định danh của {who} trên {system} ({shown}) không phải mã tỉnh nơi đăng ký khai sinh. "
                    + $"Đối chiếu với giấy khai sinh hoặc thẻ căn cước rồi sửa trên {system}.");
            case PersonalIdDefect.GenderDigit when id is { Length: 12 }:
                {
                    // The defect says the record's gender is the other one than the digit's.
                    var digit = id[3] - '0';
                    var digitGender = digit % 2 == 0 ? "Nam" : "Nữ";
                    var recordGender = digit % 2 == 0 ? "Nữ" : "Nam";
                    return new(FixTarget.Family,
                        $"Chữ số thứ 4 của số định danh ({shown}) là {digit}: người sinh {Century(digit)}, giới tính {digitGender}. Nhưng hồ sơ của {who} "
                        + $"trên {system} ghi giới tính {recordGender}. Kiểm tra giới tính {Together(item)} theo {Papers(item)}, rồi sửa giới tính "
                        + $"hoặc số định danh trên {system}.");
                }

            case PersonalIdDefect.BirthYear when id is { Length: 12 }:
                {
                    var year = ((id[3] - '0') / 2 + 19) * 100 + (id[4] - '0') * 10 + (id[5] - '0');
                    var recorded = item.Person is { Source: var source, DateOfBirth: { } born } && source == item.Side
                        ? $"ghi ngày sinh {Labels.Date(born)}"
                        : "ghi năm sinh khác";
                    return new(target,
                        $"Chữ số thứ 4–6 của số định danh ({shown}) cho năm sinh {year}, nhưng hồ sơ của {who} trên {system} {recorded}. "
                        + $"Đối chiếu ngày sinh và số định danh với {Papers(item)}, rồi sửa bên sai trên {system}.");
                }

            default:
                return new(target, $"Số định danh của {who} trên {system} ({shown}) không hợp lệ: phải gồm đúng 12 chữ số, không có chữ cái. "
                    + $"Nhập lại theo giấy khai sinh hoặc thẻ căn cước trên {system}.");
        }
    }

    private static string Century(int digit) => (digit / 2) switch
    {
        0 => "từ 1900 đến 1999",
        1 => "từ 2000 đến 2099",
        2 => "từ 2100 đến 2199",
        _ => "sau năm 2200",
    };

    private static string Unverified(GuidanceFacts item, string who) => item.Detail switch
    {
        PopulationCheckStatus.Disputed =>
            $"CSDL quốc gia về dân cư báo sai {Disputed(item.NationalValue)} của {who}. Đối chiếu với {Papers(item)} {Together(item)}, sửa "
            + $"{Disputed(item.NationalValue)} trên CSDL ngành{Code(" (hồ sơ mã định danh ngành ", item.MoetCode, ")")} rồi gửi xác thực lại.",
        PopulationCheckStatus.NotFound =>
            $"Không tìm thấy số định danh {PersonalIdNumber.Mask(item.PersonalId)} của {who} trong CSDL quốc gia về dân cư. Kiểm tra lại số "
            + $"{Together(item)} theo {Papers(item)} và sửa trên CSDL ngành.",
        _ => $"Hồ sơ của {who} trên CSDL ngành chưa được xác thực với CSDL quốc gia về dân cư. Gửi yêu cầu xác thực trên CSDL ngành; nếu vẫn "
            + $"chưa được, kiểm tra số định danh {Together(item)}.",
    };

    private static string Disputed(string? fields) => Labels.FieldList(fields) is { Length: > 0 } names ? names : "thông tin";

    private static Guidance FieldMismatch(GuidanceFacts item, string who)
    {
        var field = item.Field;
        var name = FieldName(field);
        var ids = field == Fields.PersonalId;
        var sms = ids ? PersonalIdNumber.Mask(item.SmsValue) : Labels.Value(field, item.SmsValue, item.SchoolName);
        var national = ids ? PersonalIdNumber.Mask(item.NationalValue) : Labels.Value(field, item.NationalValue, item.SchoolName);
        var values = $"SMS: «{Shown(sms)}», CSDL ngành: «{Shown(national)}»";
        if (ids)
        {
            return item.NationalVerified
                ? new(FixTarget.Sms, $"Số định danh của {who} khác nhau ({values}); số trên CSDL ngành đã được xác thực với CSDL dân cư. Đối chiếu "
                    + "với thẻ căn cước hoặc giấy khai sinh rồi sửa số trên SMS.")
                : new(FixTarget.Family, $"Số định danh của {who} khác nhau ({values}) và chưa bên nào được xác thực: đối chiếu {Papers(item)} "
                    + $"{Together(item)} rồi sửa bên sai.");
        }

        if (field is not null && IdentityFields.Contains(field))
        {
            return item.NationalVerified
                ? new(FixTarget.Sms, $"Sửa {name} của {who} trên SMS thành «{Shown(national)}» (SMS đang ghi «{Shown(sms)}»): giá trị trên CSDL ngành đã "
                    + "được xác thực với CSDL dân cư nên nhiều khả năng đúng.")
                : new(FixTarget.Family, $"{Capitalize(name)} của {who} khác nhau ({values}). Chưa bên nào được xác thực: đối chiếu {Papers(item)} "
                    + $"{Together(item)} rồi sửa bên sai.");
        }

        if (field == Fields.SchoolCode)
        {
            return new(FixTarget.National, $"CSDL ngành ghi {who} thuộc trường «{Shown(national)}», còn SMS ghi «{Shown(sms)}»: có thể đã chuyển "
                + "trường nhưng CSDL ngành vẫn ghi trường cũ. Hoàn tất thủ tục chuyển trường trên CSDL ngành.");
        }

        return new(FixTarget.National, $"Sửa {name} của {who} trên CSDL ngành thành «{Shown(sms)}» (CSDL ngành đang ghi «{Shown(national)}»): SMS là "
            + "nơi trường cập nhật hằng ngày, nên gửi lại hồ sơ từ SMS lên CSDL ngành.");
    }

    private static Guidance Unreadable(GuidanceFacts item, string who)
    {
        var value = item.SmsValue ?? item.NationalValue ?? item.ProvincialValue;
        var shown = string.IsNullOrEmpty(value) ? "để trống" : $"«{Labels.Unreadable(item.Field, value)}»";
        var name = FieldName(item.Field);
        var text = $"{Capitalize(name)} của {who} trên {SystemName(item.Side)} đang có giá trị không thể đúng ({shown}), nên chưa được đối chiếu.";
        return item.Side == WireNames.Sms
            ? new(FixTarget.Sms, $"{text} Sửa {name} trên SMS rồi đồng bộ lại.")
            : new(FixTarget.Operator, $"{text} Đơn vị vận hành liên hệ đơn vị quản lý {SystemName(item.Side)} để sửa; trường không cần làm gì.");
    }

    /// <summary>Who confirms a person's identity: a pupil's family, or the staff member themselves.</summary>
    private static string Together(GuidanceFacts item) =>
        item.PersonKind == WireNames.Staff ? $"với chính {Labels.PersonNoun(item.PersonKind, item.Person?.Position)} đó" : "cùng gia đình";

    /// <summary>The papers that settle it: a pupil's birth certificate, a staff member's identity card.</summary>
    private static string Papers(GuidanceFacts item) => item.PersonKind == WireNames.Staff ? "thẻ căn cước" : "giấy khai sinh";

    private static string Active(string personKind) => personKind == WireNames.Staff ? "đang làm việc" : "đang học";

    private static string SystemName(string? side) => side switch
    {
        WireNames.National => "CSDL ngành",
        WireNames.Provincial => "CSDL tỉnh",
        _ => "SMS",
    };

    private static string Code(string before, string? code, string after = "") => code is null ? "" : before + code + after;

    private static string Shown(string? value) => string.IsNullOrEmpty(value) ? "trống" : value;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Labels.Vietnamese) + text[1..];
}

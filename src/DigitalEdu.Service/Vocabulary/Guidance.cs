using DigitalEdu.Domain.Vocabulary;

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
/// The short Vietnamese instruction for each kind of item. A value verified against the population database beats an unverified one;
/// the SMS is the day-to-day record of enrolment and the only source of health exams.
/// </summary>
public static class MismatchGuidance
{
    // Identity fields are what the population database checks; enrolment fields are what the school itself decides.
    private static readonly HashSet<string> IdentityFields = ["fullName", "dateOfBirth", "gender", "fatherName", "motherName", "personalId"];

    public static string FieldName(string? field) => Labels.Field(field);

    public static Guidance For(
        string kind, string? detail, string? field, string? smsValue, string? nationalValue, string? provincialValue, bool nationalVerified,
        string? side = null) =>
        kind switch
        {
            MismatchKinds.HealthNotSynced => new(FixTarget.Sms,
                $"Kết quả khám sức khỏe mới nhất (ngày {smsValue}) có trên SMS nhưng CSDL ngành chưa có"
                + (nationalValue is null ? "." : $" (CSDL ngành chỉ có lần khám ngày {nationalValue}).")
                + " Gửi lại dữ liệu sức khỏe từ SMS lên CSDL ngành; SMS là nguồn của dữ liệu sức khỏe."),
            MismatchKinds.IdMissing when detail == "national" => new(FixTarget.National,
                "Hồ sơ trên CSDL ngành chưa có số định danh cá nhân. Cập nhật số định danh (lấy từ SMS hoặc giấy khai sinh) trên CSDL ngành để được xác thực."),
            MismatchKinds.IdMissing => new(FixTarget.Sms,
                "Hồ sơ trên SMS chưa có số định danh cá nhân. Nhập số định danh 12 chữ số từ giấy khai sinh hoặc thẻ căn cước, rồi đồng bộ lại."),
            MismatchKinds.IdInvalid => new(detail == "gender_digit" ? FixTarget.Family : FixTarget.Sms, InvalidIdText(detail, field)),
            MismatchKinds.IdUnverified => new(FixTarget.Family, UnverifiedText(detail, nationalValue)),
            MismatchKinds.IdDuplicate => new(FixTarget.Sms,
                "Cùng một số định danh đang gắn với nhiều hồ sơ đang học/đang làm việc (có thể do chuyển trường chưa hoàn tất). "
                + "Kiểm tra và kết thúc hồ sơ cũ (chuyển đi) hoặc sửa số định danh nhập nhầm."),
            MismatchKinds.MissingInNational => new(FixTarget.Sms,
                "Hồ sơ đang học/đang làm việc trên SMS chưa có trên CSDL ngành. Gửi lại hồ sơ từ SMS lên CSDL ngành."),
            MismatchKinds.MissingInSms => new(FixTarget.Sms,
                "Hồ sơ đang học/đang làm việc trên CSDL ngành không có trên SMS của trường. Bổ sung hồ sơ vào SMS, hoặc cập nhật trạng thái trên CSDL ngành nếu người này đã rời trường."),
            MismatchKinds.FieldMismatch => FieldText(field, smsValue, nationalValue, nationalVerified),
            MismatchKinds.ProvincialStale => new(FixTarget.Operator,
                detail == "missing"
                    ? "CSDL tỉnh chưa nhận hồ sơ này từ SMS. Đơn vị vận hành kiểm tra luồng đồng bộ SMS → CSDL tỉnh."
                    : $"CSDL tỉnh đang giữ bản cũ của hồ sơ (khác SMS ở: {string.Join(", ", (provincialValue ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(FieldName))}). Đơn vị vận hành kiểm tra luồng đồng bộ SMS → CSDL tỉnh."),
            MismatchKinds.UnreadableValue => UnreadableText(side, field, smsValue ?? nationalValue ?? provincialValue),
            MismatchKinds.RecordQuarantined => detail == "sms"
                ? new(FixTarget.Sms, "SMS gửi một hồ sơ không đọc được (thiếu hoặc sai mã hồ sơ); hồ sơ được giữ lại nguyên vẹn và vẫn được tính là có. Kiểm tra hồ sơ này trên SMS rồi đồng bộ lại.")
                : new(FixTarget.Operator, $"{SystemName(detail)} gửi một hồ sơ không đọc được (thiếu hoặc sai mã hồ sơ); hồ sơ được giữ lại nguyên vẹn và vẫn được tính là có. Đơn vị vận hành liên hệ đơn vị quản lý hệ thống để sửa."),
            _ => new(FixTarget.Sms, "Kiểm tra hồ sơ trên SMS và CSDL ngành."),
        };

    private static Guidance UnreadableText(string? side, string? field, string? value)
    {
        var shown = string.IsNullOrEmpty(value) ? "để trống" : $"«{value}»";
        var text = $"Trường {FieldName(field)} đang có giá trị không thể đúng ({shown}), nên không được đối chiếu.";
        return side == "sms"
            ? new(FixTarget.Sms, text + " Sửa giá trị này trên SMS rồi đồng bộ lại.")
            : new(FixTarget.Operator, text + $" Giá trị nằm trên {SystemName(side)}: đơn vị vận hành liên hệ đơn vị quản lý hệ thống để sửa.");
    }

    private static string SystemName(string? side) => side switch
    {
        "national" => "CSDL ngành",
        "provincial" => "CSDL tỉnh",
        _ => "SMS",
    };

    private static string InvalidIdText(string? detail, string? side) => detail switch
    {
        "leading_zero_lost" => "Số định danh chỉ có 11 chữ số: có lẽ số 0 đầu đã bị mất khi nhập từ Excel. Nhập lại đủ 12 chữ số (thêm số 0 ở đầu).",
        "legacy_cmnd" => "Đây là số CMND 9 chữ số cũ, không còn dùng từ 2025. Nhập số định danh cá nhân 12 chữ số.",
        "unknown_province_code" => "Ba chữ số đầu của số định danh không phải mã tỉnh nơi đăng ký khai sinh. Kiểm tra lại với giấy khai sinh hoặc thẻ căn cước.",
        "gender_digit" => "Chữ số thứ 4 của số định danh (thế kỷ và giới tính) không khớp với giới tính của hồ sơ. Kiểm tra giới tính với gia đình và giấy khai sinh, rồi sửa giới tính hoặc số định danh.",
        "birth_year" => "Chữ số thứ 5–6 của số định danh (năm sinh) không khớp với ngày sinh của hồ sơ. Kiểm tra ngày sinh và số định danh với giấy khai sinh.",
        _ => "Số định danh không hợp lệ (phải gồm đúng 12 chữ số, không có chữ cái). Nhập lại theo giấy khai sinh hoặc thẻ căn cước.",
    };

    private static string UnverifiedText(string? status, string? disputed) => status switch
    {
        PopulationCheckStatus.Disputed =>
            $"CSDL quốc gia về dân cư báo sai thông tin ({(string.IsNullOrEmpty(disputed) ? "không rõ trường" : disputed)}). Đối chiếu với giấy khai sinh cùng gia đình, sửa trên CSDL ngành rồi gửi xác thực lại.",
        PopulationCheckStatus.NotFound =>
            "Không tìm thấy số định danh này trong CSDL quốc gia về dân cư. Kiểm tra lại số với gia đình (thẻ căn cước, giấy khai sinh) và sửa trên CSDL ngành.",
        _ => "Hồ sơ chưa được xác thực với CSDL quốc gia về dân cư. Gửi yêu cầu xác thực trên CSDL ngành; nếu vẫn chưa được, kiểm tra số định danh với gia đình.",
    };

    private static Guidance FieldText(string? field, string? smsValue, string? nationalValue, bool nationalVerified)
    {
        var name = FieldName(field);
        var values = $"SMS: «{smsValue ?? "trống"}», CSDL ngành: «{nationalValue ?? "trống"}».";
        if (field is not null && IdentityFields.Contains(field))
        {
            return nationalVerified
                ? new(FixTarget.Sms, $"{Capitalize(name)} khác nhau ({values}) Giá trị trên CSDL ngành đã được xác thực với CSDL dân cư nên nhiều khả năng đúng: sửa trên SMS.")
                : new(FixTarget.Family, $"{Capitalize(name)} khác nhau ({values}) Chưa bên nào được xác thực: đối chiếu giấy tờ cùng gia đình rồi sửa bên sai.");
        }

        if (field == "schoolCode")
        {
            return new(FixTarget.National, $"Trường khác nhau ({values}) Có thể học sinh đã chuyển trường nhưng CSDL ngành vẫn ghi trường cũ: hoàn tất thủ tục chuyển trường trên CSDL ngành.");
        }

        return new(FixTarget.National, $"{Capitalize(name)} khác nhau ({values}) SMS là nơi trường cập nhật hằng ngày: gửi lại hồ sơ từ SMS lên CSDL ngành.");
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

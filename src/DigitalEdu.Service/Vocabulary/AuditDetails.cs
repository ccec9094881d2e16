using System.Text.RegularExpressions;

namespace DigitalEdu.Service.Vocabulary;

/// <summary>
/// The audit log's machine-written details (English, with codes: they stay so in the database and the CSV for whoever reads
/// the log by script) as the audit page shows them: roles, statuses, kinds, levels and filters in Vietnamese, dates as dd/MM/yyyy.
/// </summary>
public static partial class AuditDetails
{
    private static readonly Dictionary<string, string> WordsShown = new(StringComparer.Ordinal)
    {
        ["follow-up list"] = "danh sách theo dõi",
        ["command line"] = "dòng lệnh",
        ["password"] = "mật khẩu",
        ["ticked rows left"] = "dòng đã đánh dấu không xử lý được",
        ["items marked fixed"] = "mục đã đánh dấu sửa",
        ["outside the caller's scope"] = "ngoài phạm vi được xem",
        ["candidates shown"] = "ứng viên được hiển thị",
        ["records shown"] = "hồ sơ được hiển thị",
        ["schools outside the caller's scope"] = "trường ngoài phạm vi được xem",
        ["run"] = "lượt",
        ["planned again"] = "lập kế hoạch lại",
        ["failed batches re-run"] = "lô lỗi được chạy lại",
        ["against"] = "so với",
        ["refused: not the report's layout"] = "bị từ chối: không theo mẫu báo cáo",
    };

    private static readonly (Regex Pattern, MatchEvaluator Write)[] Rules =
    [
        (Filter(), m => $"{FilterName(m.Groups[1].Value)}: {FilterValue(m.Groups[1].Value, m.Groups[2].Value.Trim())}"),
        (Transition(), m => $"{Labels.MismatchStatusText(m.Groups[1].Value)} → {Labels.MismatchStatusText(m.Groups[2].Value)}"),
        (Role(), m => $"({Labels.Role(m.Groups[1].Value)})"),
        (Expires(), m => $"hết hạn {m.Groups[3].Value}/{m.Groups[2].Value}/{m.Groups[1].Value}"),
        (Token(), m => $"mã API #{m.Groups[1].Value} của"),
        (TokenOnly(), m => $"mã API #{m.Groups[1].Value}"),
        (Snapshot(), m => m.Groups[2].Success
            ? $"bản chốt tính đến {m.Groups[4].Value}/{m.Groups[3].Value}/{m.Groups[2].Value}"
            : $"bản chốt {m.Groups[1].Value[..8]}"),
        (ReportUnit(), m => m.Groups[1].Value switch
        {
            "province" => "toàn tỉnh",
            "commune" => $"xã, phường{m.Groups[2].Value}",
            _ => $"trường{m.Groups[2].Value}",
        }),
        (Count(), m => $"{m.Groups[1].Value} {CountNoun(m.Groups[2].Value)}"),
        (Words(), m => WordsShown.GetValueOrDefault(m.Value, m.Value)),
    ];

    public static string Show(string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return "";
        }

        var shown = detail;
        foreach (var (pattern, write) in Rules)
        {
            shown = pattern.Replace(shown, write);
        }

        return shown;
    }

    private static string FilterName(string key) => key switch
    {
        "status" => "trạng thái",
        "kind" => "loại",
        "personKind" => "đối tượng",
        "level" => "cấp học",
        "communeCode" => "mã xã",
        "schoolCode" => "trường",
        "daysOpen" => "số ngày mở",
        "source" => "nguồn",
        _ => key,
    };

    private static string FilterValue(string key, string value) => key switch
    {
        "status" => Labels.MismatchStatusText(value),
        "kind" => Labels.Kind(value),
        "personKind" => Labels.PersonKind(value),
        "level" => Labels.Level(value),
        "source" => Labels.Source(value),
        _ => value,
    };

    private static string CountNoun(string noun) => noun switch
    {
        "rows" => "dòng",
        "schools" => "trường",
        "problems" => "sai sót",
        "pupils" => "học sinh",
        _ => noun,
    };

    [GeneratedRegex(@"\b(status|kind|personKind|level|communeCode|schoolCode|daysOpen|source)=([^;]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Filter();

    [GeneratedRegex(@"\b(open|fixed_pending|resolved|dismissed) -> (open|fixed_pending|resolved|dismissed)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Transition();

    [GeneratedRegex(@"\((school|officer|operator)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Role();

    [GeneratedRegex(@"\bexpires (\d{4})-(\d{2})-(\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Expires();

    [GeneratedRegex(@"\btoken #(\d+) for\b", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"\btoken #(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TokenOnly();

    [GeneratedRegex(@"\b(\d+) (rows|schools|problems|pupils)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Count();

    [GeneratedRegex(@"\bsnapshot ([0-9a-f-]{36})(?: as of (\d{4})-(\d{2})-(\d{2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex Snapshot();

    [GeneratedRegex(@"\bunit (province|commune|school)((?: [A-Za-z0-9_-]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex ReportUnit();

    [GeneratedRegex(@"refused: not the report's layout|\bagainst\b|follow-up list|command line|password|ticked rows left|items marked fixed|planned again|failed batches re-run|schools outside the caller's scope|outside the caller's scope|candidates shown|records shown|\brun\b", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}

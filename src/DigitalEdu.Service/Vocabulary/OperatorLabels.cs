using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Service.Vocabulary;

/// <summary>The operator's console in Vietnamese: pull statuses, and what an upstream's failure means, from its status.</summary>
public static class OperatorLabels
{
    private static readonly Dictionary<string, string> PullStatuses = new()
    {
        [PullStatus.Queued] = "Đang chờ",
        [PullStatus.Running] = "Đang chạy",
        [PullStatus.Succeeded] = "Thành công",
        [PullStatus.Failed] = "Lỗi",
    };

    public static string PullStatusText(string status) => PullStatuses.GetValueOrDefault(status, status);

    /// <summary>Who asked for a run: the nightly schedule, or a person (a clerk's check names the role too).</summary>
    public static string RequestedBy(string requestedBy) => requestedBy == "schedule" ? "Lịch chạy hằng đêm" : Labels.Actor(requestedBy);

    /// <summary>
    /// A failed batch as an operator reads it: what the upstream's status means. The upstream's own words (its status line and
    /// body) stay behind a toggle, as sent.
    /// </summary>
    public static string UpstreamError(int? status, string? error)
    {
        if (BatchErrors.IsSourcePaused(error))
        {
            return "Nguồn này bị tạm dừng khi lượt đang chạy nên lô không được lấy; tiếp tục nguồn rồi chạy lại các lô lỗi.";
        }

        var circuit = error?.Contains("circuit open", StringComparison.Ordinal) == true
            ? " DigitalEdu đã tạm ngừng gọi nguồn này sau nhiều lỗi liên tiếp."
            : "";
        var meaning = status switch
        {
            null => "Không nhận được trả lời từ hệ thống nguồn (hết thời gian chờ hoặc mất kết nối).",
            429 => "Hệ thống nguồn từ chối vì nhận quá nhiều yêu cầu (HTTP 429).",
            401 or 403 => $"Hệ thống nguồn từ chối quyền truy cập (HTTP {status}).",
            404 => "Hệ thống nguồn không tìm thấy dữ liệu được hỏi (HTTP 404).",
            >= 500 => $"Hệ thống nguồn gặp lỗi hoặc đang bảo trì (HTTP {status}).",
            >= 200 and < 300 => "Hệ thống nguồn trả về dữ liệu không đúng định dạng.",
            _ => $"Hệ thống nguồn từ chối yêu cầu (HTTP {status}).",
        };
        return meaning + circuit;
    }

    /// <summary>Why a run failed before any pull, in Vietnamese; the run's own text stays behind a toggle.</summary>
    public static string RunError(string error) =>
        error.StartsWith("Listing schools failed", StringComparison.Ordinal) ? "Không đọc được danh sách trường từ hệ thống nguồn, nên chưa lấy được dữ liệu nào."
        : error.StartsWith("Every source is paused", StringComparison.Ordinal) ? "Mọi nguồn dữ liệu đều đang tạm dừng, nên không có gì để lấy."
        : error.StartsWith("School ", StringComparison.Ordinal) ? "Trường được chọn không có trong danh sách trường của tỉnh."
        : "Lượt đồng bộ dừng vì lỗi.";

    /// <summary>What a paused source means for a run, as its page and the console say it.</summary>
    public static string PausedSources(IEnumerable<string> sources) =>
        $"Không lấy dữ liệu từ {string.Join(", ", sources.Select(Labels.Source))} (đang tạm dừng): các mục cần dữ liệu của nguồn này "
        + "không được tự đóng hay mở lại trong lượt này.";
}

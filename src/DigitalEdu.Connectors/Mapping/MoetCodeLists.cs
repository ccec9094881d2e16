using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The status and position codes the provincial and the national databases share (the MOET code lists), and their
/// canonical (SMS) spelling.
/// </summary>
internal static class MoetCodeLists
{
    private static readonly Dictionary<string, string> StudentStatuses = new(StringComparer.Ordinal)
    {
        ["DANG_HOC"] = PersonStatus.Studying,
        ["CHUYEN_DI"] = PersonStatus.TransferredOut,
        ["THOI_HOC"] = PersonStatus.DroppedOut,
        ["TOT_NGHIEP"] = PersonStatus.Graduated,
    };

    private static readonly Dictionary<string, string> StaffStatuses = new(StringComparer.Ordinal)
    {
        ["DANG_LAM_VIEC"] = PersonStatus.Working,
        ["NGHI_VIEC"] = PersonStatus.Left,
    };

    private static readonly Dictionary<string, string> Positions = new(StringComparer.Ordinal)
    {
        ["GIAO_VIEN"] = StaffPosition.Teacher,
        ["QUAN_LY"] = StaffPosition.Manager,
        ["NHAN_VIEN"] = StaffPosition.Staff,
    };

    /// <summary>The canonical status, or null with a reason. A staff status on a student (or the reverse) is unknown too.</summary>
    public static string? Status(JsonRecordReader reader, ReadOnlySpan<byte> field, PersonKind kind) =>
        Translate(reader, field, kind == PersonKind.Staff ? StaffStatuses : StudentStatuses);

    public static string? Position(JsonRecordReader reader, ReadOnlySpan<byte> field) => Translate(reader, field, Positions);

    private static string? Translate(JsonRecordReader reader, ReadOnlySpan<byte> field, Dictionary<string, string> codes)
    {
        var code = reader.Code(field, required: true);
        if (code is null)
        {
            return null;
        }

        if (codes.TryGetValue(code, out var canonical))
        {
            return canonical;
        }

        reader.Fail(field, $"{JsonRecordReader.Quote(code)} is unknown");
        return null;
    }
}

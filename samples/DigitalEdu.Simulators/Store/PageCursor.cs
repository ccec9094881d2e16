using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DigitalEdu.Simulators.Store;

/// <summary>
/// The keyset position after the last item of a page: (updatedAt ticks, key). Opaque to clients; it never expires because it
/// names a position in the order, not a snapshot.
/// </summary>
internal readonly record struct PageCursor(long UpdatedTicks, string Key)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1|{UpdatedTicks.ToString(CultureInfo.InvariantCulture)}|{Key}"));

    public static bool TryDecode(string? text, out PageCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 3);
            if (parts.Length != 3 || parts[0] != "v1" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return false;
            }

            cursor = new PageCursor(ticks, parts[2]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

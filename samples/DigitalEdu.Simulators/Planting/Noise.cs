using System.Globalization;
using System.Text;

namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// Differences the reconciler must normalise away and never report: NFD text, the other tone placement, stray spaces,
/// upper case, separators inside personal IDs. Drawn from its own random stream so the data itself does not depend on it.
/// </summary>
internal sealed class Noise(Random random)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Old placement (tone on the second vowel of an open oa/oe/uy) against the new one; whole words only, as they end a syllable.
    private static readonly Dictionary<string, string> OtherPlacement = new(StringComparer.Ordinal)
    {
        ["Hoà"] = "Hòa",
        ["Hòa"] = "Hoà",
        ["Khoẻ"] = "Khỏe",
        ["Khỏe"] = "Khoẻ",
        ["Thuỷ"] = "Thủy",
        ["Thủy"] = "Thuỷ",
        ["Thuý"] = "Thúy",
        ["Thúy"] = "Thuý",
        ["Thuỵ"] = "Thụy",
        ["Thụy"] = "Thuỵ",
    };

    public string? Name(string? name, UpstreamSource source)
    {
        if (name is null)
        {
            return null;
        }

        var result = name;
        var toneShare = source switch
        {
            UpstreamSource.National => 0.5,
            UpstreamSource.Provincial => 0.2,
            _ => 0.0,
        };
        if (random.NextDouble() < toneShare)
        {
            result = string.Join(' ', result.Split(' ').Select(w => OtherPlacement.GetValueOrDefault(w, w)));
        }

        if (source == UpstreamSource.Provincial && random.NextDouble() < 0.01)
        {
            result = result.ToUpper(Vietnamese);
        }

        if (random.NextDouble() < 0.03)
        {
            result = " " + result.Replace(" ", "  ", StringComparison.Ordinal) + " ";
        }

        if (random.NextDouble() < 0.03)
        {
            result = result.Normalize(NormalizationForm.FormD);
        }

        return result;
    }

    /// <summary>Now and then an SMS clerk types the ID in groups: "022 312 001 234" or "022.312.001.234".</summary>
    public string? SmsPersonalId(string? id)
    {
        if (id is not { Length: 12 } || random.NextDouble() >= 0.03)
        {
            return id;
        }

        var separator = random.Next(2) == 0 ? ' ' : '.';
        return $"{id[..3]}{separator}{id[3..6]}{separator}{id[6..9]}{separator}{id[9..]}";
    }
}

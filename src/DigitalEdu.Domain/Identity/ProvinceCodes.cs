using System.Reflection;

namespace DigitalEdu.Domain.Identity;

/// <summary>
/// The three-digit birth-registration prefixes of personal IDs, from the pre-2025 table of 63 provinces
/// (Thông tư 07/2016/TT-BCA Phụ lục I). Issued numbers keep their prefix after the 2025 merger, so the old table is the one to decode with.
/// </summary>
public static class ProvinceCodes
{
    private static readonly Lazy<Dictionary<string, ProvinceCode>> Table = new(Load);

    public static IReadOnlyDictionary<string, ProvinceCode> All => Table.Value;

    /// <summary>A known prefix: one of the 63 provinces, or 100–299 for births registered abroad.</summary>
    public static bool IsKnownPrefix(string threeDigits)
    {
        ArgumentNullException.ThrowIfNull(threeDigits);
        return IsKnownPrefix(threeDigits.AsSpan());
    }

    /// <inheritdoc cref="IsKnownPrefix(string)"/>
    public static bool IsKnownPrefix(ReadOnlySpan<char> threeDigits) =>
        Table.Value.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(threeDigits)
        || (int.TryParse(threeDigits, out var n) && n is >= 100 and <= 299);

    private static Dictionary<string, ProvinceCode> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DigitalEdu.Domain.provinces.csv")
            ?? throw new InvalidOperationException("The embedded province table is missing.");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, ProvinceCode>(StringComparer.Ordinal);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(',');
            result[parts[0]] = new ProvinceCode(parts[0], parts[1], parts[2]);
        }

        return result;
    }
}

public sealed record ProvinceCode(string Prefix, string NameBefore2025, string NameSince2025);

using System.Reflection;
using System.Text.RegularExpressions;

namespace DigitalEdu.Domain.Vocabulary;

/// <summary>What a code-list field held: a code of the list, a well-formed code the list lacks, or a value that cannot be a code.</summary>
public enum CodeMatch
{
    Known,
    Unknown,
    Malformed,
}

/// <summary>One line of a code list: the code as a source sends it, its canonical value and its Vietnamese label.</summary>
public sealed record CodeEntry(string Code, string Canonical, string Label);

/// <summary>
/// One code list, read from its CSV file in <c>CodeLists/</c> (embedded): one line per code. Upstream versions use longer
/// lists than DigitalEdu knows and change them without notice, so a well-formed code that is not here is kept as sent
/// (<see cref="CodeMatch.Unknown"/>); only a closed list (gender) or a value of the wrong shape is
/// <see cref="CodeMatch.Malformed"/>.
/// </summary>
public sealed class CodeList
{
    private readonly Dictionary<string, CodeEntry> byCode;
    private readonly Regex? shape;

    private CodeList(string name, IReadOnlyList<CodeEntry> entries, Regex? shape)
    {
        Name = name;
        Entries = entries;
        this.shape = shape;
        byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<CodeEntry> Entries { get; }

    /// <summary>A closed list knows every value there can be: anything else cannot be right.</summary>
    public bool IsClosed => shape is null;

    /// <summary>How <paramref name="code"/> (trimmed) stands in this list, and its canonical value when known.</summary>
    public CodeMatch Match(string code, out string? canonical)
    {
        if (byCode.TryGetValue(code, out var entry))
        {
            canonical = entry.Canonical;
            return CodeMatch.Known;
        }

        canonical = null;
        return shape is not null && shape.IsMatch(code) ? CodeMatch.Unknown : CodeMatch.Malformed;
    }

    /// <summary>The Vietnamese label of a canonical value (or of a code of this list), or null when the list does not know it.</summary>
    public string? LabelOf(string? canonicalOrCode) =>
        canonicalOrCode is null ? null
        : byCode.TryGetValue(canonicalOrCode, out var entry) ? entry.Label
        : Entries.FirstOrDefault(e => e.Canonical == canonicalOrCode)?.Label;

    internal static CodeList Load(string name, Regex? shape)
    {
        var resource = $"{typeof(CodeList).Namespace}.CodeLists.{name}.csv";
        using var stream = typeof(CodeList).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Code list {name} is not embedded ({resource}).");
        using var reader = new StreamReader(stream);
        var entries = new List<CodeEntry>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p != p.Trim()))
            {
                throw new InvalidOperationException($"Code list {name}: '{line}' is not code,canonical,label.");
            }

            entries.Add(new CodeEntry(parts[0], parts[1], parts[2]));
        }

        return new CodeList(name, entries, shape);
    }
}

/// <summary>
/// Every code list DigitalEdu reads, as data (<c>CodeLists/*.csv</c>, one line per code). Adding a code is one line in its
/// file. Each open list has the shape its codes take, which tells a code the list lacks from a value that cannot be one.
/// </summary>
public static partial class CodeLists
{
    public static readonly CodeList SmsStudentStatus = CodeList.Load("sms-student-status", LowerSnake());
    public static readonly CodeList SmsStaffStatus = CodeList.Load("sms-staff-status", LowerSnake());
    public static readonly CodeList MoetStudentStatus = CodeList.Load("moet-student-status", UpperSnake());
    public static readonly CodeList MoetStaffStatus = CodeList.Load("moet-staff-status", UpperSnake());
    public static readonly CodeList SmsPosition = CodeList.Load("sms-position", LowerSnake());
    public static readonly CodeList MoetPosition = CodeList.Load("moet-position", UpperSnake());
    public static readonly CodeList Ethnicity = CodeList.Load("ethnicity", Digits());
    public static readonly CodeList PopulationStatus = CodeList.Load("population-status", UpperSnake());
    public static readonly CodeList SchoolLevel = CodeList.Load("school-level", UpperSnake());
    public static readonly CodeList SmsGender = CodeList.Load("sms-gender", shape: null);
    public static readonly CodeList ProvincialGender = CodeList.Load("provincial-gender", shape: null);
    public static readonly CodeList NationalGender = CodeList.Load("national-gender", shape: null);

    public static readonly IReadOnlyList<CodeList> All =
    [
        SmsStudentStatus, SmsStaffStatus, MoetStudentStatus, MoetStaffStatus, SmsPosition, MoetPosition, Ethnicity,
        PopulationStatus, SchoolLevel, SmsGender, ProvincialGender, NationalGender,
    ];

    /// <summary>The list of statuses a source sends for a person kind.</summary>
    public static CodeList Statuses(Source source, PersonKind kind) => (source, kind) switch
    {
        (Source.Sms, PersonKind.Student) => SmsStudentStatus,
        (Source.Sms, _) => SmsStaffStatus,
        (_, PersonKind.Student) => MoetStudentStatus,
        _ => MoetStaffStatus,
    };

    public static CodeList Positions(Source source) => source == Source.Sms ? SmsPosition : MoetPosition;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerSnake();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex UpperSnake();

    [GeneratedRegex("^[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

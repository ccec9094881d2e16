using System.Text;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>What a field is for, which decides what becomes of a record whose value there cannot be read.</summary>
public enum FieldRole
{
    /// <summary>The source key (and an exam's pupil): without it the record cannot be placed, so it is quarantined whole.</summary>
    Identity,

    /// <summary>A field the reconcile rules compare or judge: unreadable, it is unknown and not compared.</summary>
    Compared,

    /// <summary>Everything else: unreadable, it is unknown.</summary>
    Descriptive,
}

/// <summary>
/// One field of one source's records: its name on the wire (written once, here), the canonical field it fills
/// (<see cref="Domain.Vocabulary.Fields"/>) and its role. A nested field's <see cref="Name"/> is its own name within the
/// object that holds it; its canonical name is the full dotted path.
/// </summary>
public sealed class WireField
{
    private WireField(string name, string canonical, FieldRole role)
    {
        Name = name;
        Canonical = canonical;
        Role = role;
        Utf8Name = Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    public string Canonical { get; }

    public FieldRole Role { get; }

    /// <summary>The name as UTF-8, the form a record is searched by (a string name would be transcoded on every lookup).</summary>
    public byte[] Utf8Name { get; }

    public static WireField Identity(string name, string canonical) => new(name, canonical, FieldRole.Identity);

    public static WireField Compared(string name, string canonical) => new(name, canonical, FieldRole.Compared);

    public static WireField Descriptive(string name, string canonical) => new(name, canonical, FieldRole.Descriptive);

    /// <summary>
    /// The same wire field read for a second canonical field, with that field's role: a provincial or national key is also
    /// the MOET code, so a key that is no MOET code leaves the record placed but its MOET code unknown.
    /// </summary>
    public WireField Also(string canonical, FieldRole role) => new(Name, canonical, role);

    /// <summary>A nested field as seen from the record that holds it: named by its path, for a reason found after reading.</summary>
    public static WireField Nested(WireField parent, WireField field) => new($"{parent.Name}.{field.Name}", field.Canonical, field.Role);

    public override string ToString() => $"{Name} ({Canonical}, {Role})";
}

/// <summary>A source's fields for one kind of record, to find a field by its canonical name when a rule fails on it.</summary>
public sealed class FieldTable
{
    private readonly Dictionary<string, (WireField Field, WireField? Parent)> byCanonical = new(StringComparer.Ordinal);

    public FieldTable(params WireField[] fields)
    {
        Fields = fields;
        foreach (var field in fields)
        {
            byCanonical[field.Canonical] = (field, null);
        }
    }

    public IReadOnlyList<WireField> Fields { get; }

    /// <summary>Adds the fields of a nested object (e.g. SUC_KHOE) under the field that holds it.</summary>
    public FieldTable WithNested(WireField parent, params WireField[] fields)
    {
        foreach (var field in fields)
        {
            byCanonical[field.Canonical] = (field, parent);
        }

        return this;
    }

    /// <summary>The canonical field a top-level wire name fills (the first that does), or null for a name the table lacks.</summary>
    public string? CanonicalOf(string wireName) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, wireName, StringComparison.Ordinal))?.Canonical;

    public bool TryFind(string canonical, out WireField field, out WireField? parent)
    {
        if (byCanonical.TryGetValue(canonical, out var found))
        {
            (field, parent) = found;
            return true;
        }

        (field, parent) = (null!, null);
        return false;
    }
}

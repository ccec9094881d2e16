using System.Text.Json.Serialization;
using DigitalEdu.Domain.Model;

namespace DigitalEdu.Sync.Staging;

/// <summary>
/// The JSON the stored tables keep (health findings, unreadable values, unknown codes), by source-generated code with the serializer's default options: the
/// same text <c>JsonSerializer.Serialize(findings)</c> writes, property names as declared, written straight into a COPY row
/// without looking up converters per value.
/// </summary>
[JsonSerializable(typeof(HealthFindings))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class StoredJson : JsonSerializerContext;

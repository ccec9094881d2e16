using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Simulators.Planting;

/// <summary>What each source holds for one person after planting, and the items the reconciler must report for them.</summary>
internal sealed record PlantedPerson(
    IReadOnlyList<Person> Sms,
    Person? Provincial,
    Person? National,
    IReadOnlyList<GroundTruthItem> Items);

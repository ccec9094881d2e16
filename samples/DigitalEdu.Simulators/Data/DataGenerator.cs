using DigitalEdu.Simulators.Planting;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Variation;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Data;

/// <summary>The generated world: what the listeners serve and what the reconciler must find in it.</summary>
internal sealed record SimulatorData(RecordStore Store, GroundTruth GroundTruth);

/// <summary>
/// One pass over the persons: make the true person, plant (or not), write each source's version straight into the store.
/// Nothing per person is kept beyond the stored bytes and the planted items, so memory grows with the data, not with the work.
/// </summary>
internal static class DataGenerator
{
    // About one person in twelve is staff (the default 6,000 persons: 5,500 students, 500 staff).
    private const int PersonsPerStaff = 12;

    public static SimulatorData Generate(SimulatorOptions options)
    {
        Validate(options);
        var random = new Random(options.Seed);
        IReadOnlyList<School> schools = SchoolGenerator.Generate(random, options.ProvinceCode, options.Schools)
            .Select(s => s with { CommuneName = CommuneNames.For(s.CommuneCode, options.Seed) })
            .ToArray();
        var staff = (int)Math.Round(options.Persons / (double)PersonsPerStaff);
        var students = options.Persons - staff;
        var plan = PlantPlan.Create(random, students, staff, options.PlantShare, options.MinimumPlantsPerDetail);

        var drift = new CodeDriftTally();
        VendorVariation? variation = null;
        if (options.VendorVariation)
        {
            variation = new VendorVariation(options, CleanCount(plan, 0, students), CleanCount(plan, students, options.Persons), drift);
            schools = variation.VarySchools(schools);
        }

        var store = new RecordStore(schools);
        var factory = new PersonFactory(random, schools, new PersonalIdRegistry(random), options.ProvinceCode);
        var planter = new Planter(factory, schools);
        // Noise has its own stream so switching it off or changing it never shifts the data.
        var writer = new WireWriter(store, new Noise(new Random(unchecked(options.Seed * 31 + 7))));
        var items = new List<GroundTruthItem>();
        var figures = new FigureTally();

        for (var i = 0; i < options.Persons; i++)
        {
            var plant = plan.For(i);
            var truth = factory.Create(i < students ? PersonKind.Student : PersonKind.Staff, forceActive: plant is not null);
            var planted = plant is null ? planter.Clean(truth) : planter.Apply(plant, truth);
            // Only clean, active persons vary: on them each variation raises exactly the items its rule says, and nothing else.
            if (plant is null && truth.IsActive && variation is not null)
            {
                var (varied, edits) = variation.Vary(planted);
                writer.Write(varied, edits);
            }
            else
            {
                writer.Write(planted);
            }

            items.AddRange(planted.Items);
            figures.Add(planted, plant);
        }

        var quarantine = new QuarantinePlanter(factory, store, drift);
        quarantine.PlantAll();
        foreach (var (person, unreadable) in quarantine.KeptSms)
        {
            figures.AddLone(person, unreadable);
        }

        items.AddRange(quarantine.Items);
        var quarantined = quarantine.Planted.ToList();
        if (variation is not null)
        {
            items.AddRange(variation.Items);
            quarantined.AddRange(variation.Quarantined);
        }

        store.Seal();
        return new SimulatorData(store, GroundTruthBuilder.Build(options, items, quarantined, drift,
            variation is null ? figures.ToList() : []));
    }

    private static int CleanCount(PlantPlan plan, int from, int to)
    {
        var clean = 0;
        for (var i = from; i < to; i++)
        {
            clean += plan.For(i) is null ? 1 : 0;
        }

        return clean;
    }

    private static void Validate(SimulatorOptions options)
    {
        if (options.Schools < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least two schools are needed (transfers and duplicates span two).");
        }

        if (options.Persons < 1 || options.Persons > 50_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Persons must be between 1 and 50,000,000.");
        }

        if (options.ProvinceCode is not { Length: 2 } || !options.ProvinceCode.All(char.IsAsciiDigit) || !ProvincePrefixes.IsKnown("0" + options.ProvinceCode))
        {
            throw new ArgumentException($"Province code '{options.ProvinceCode}' is not a two-digit code of the pre-2025 table.", nameof(options));
        }
    }
}

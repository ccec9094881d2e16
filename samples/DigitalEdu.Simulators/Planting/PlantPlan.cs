namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// Which person gets which plant: a shuffled sample of distinct persons per person kind, one plant each, held as one small index
/// per person (0 = clean) so a million persons cost a few megabytes.
/// </summary>
internal sealed class PlantPlan
{
    private readonly byte[] _plantByPerson;

    private PlantPlan(byte[] plantByPerson) => _plantByPerson = plantByPerson;

    /// <summary>Persons 0..students-1 are students, the rest staff.</summary>
    public static PlantPlan Create(Random random, int students, int staff, double share, int minimum)
    {
        var plan = new byte[students + staff];
        Assign(random, plan, 0, students, Plant.All.ToArray(), share, minimum);
        Assign(random, plan, students, staff, Plant.All.Where(p => p.AppliesToStaff).ToArray(), share, minimum);
        return new PlantPlan(plan);
    }

    public Plant? For(int person) => _plantByPerson[person] == 0 ? null : Plant.All[_plantByPerson[person] - 1];

    private static void Assign(Random random, byte[] plan, int offset, int count, Plant[] plants, double share, int minimum)
    {
        if (count == 0)
        {
            return;
        }

        var perPlant = Math.Max(minimum, (int)Math.Round(count * share));
        // Tiny data sets keep at least half their persons clean, so the clean path is exercised too.
        perPlant = Math.Min(perPlant, count / 2 / plants.Length);

        // A partial Fisher–Yates shuffle picks the planted persons without sorting everyone.
        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        var needed = perPlant * plants.Length;
        for (var i = 0; i < needed; i++)
        {
            var j = random.Next(i, count);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            var plant = plants[i / perPlant];
            plan[offset + indices[i]] = (byte)(IndexOf(plant) + 1);
        }
    }

    private static int IndexOf(Plant plant)
    {
        for (var i = 0; i < Plant.All.Count; i++)
        {
            if (ReferenceEquals(Plant.All[i], plant))
            {
                return i;
            }
        }

        throw new ArgumentException("Unknown plant.", nameof(plant));
    }
}

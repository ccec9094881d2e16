using System.Text.Json;
using DigitalEdu.Data.Entities;
using DigitalEdu.Sync.Jobs;

namespace DigitalEdu.Service.Web;

/// <summary>A run's figures read from its counts JSON; a run still going has none yet.</summary>
public static class RunFigures
{
    public static RunCounts? Of(SyncRun run)
    {
        try
        {
            var counts = JsonSerializer.Deserialize<RunCounts>(run.Counts, JsonSerializerOptions.Web);
            return counts?.Sources is null || counts.Items is null ? null : counts;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

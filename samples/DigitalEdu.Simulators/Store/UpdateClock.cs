namespace DigitalEdu.Simulators.Store;

/// <summary>
/// Stamps for admin changes: the wall clock to the millisecond, but always after every stamp already in the data, so a changed
/// record is guaranteed to appear after any updatedSince a client took from an earlier read.
/// </summary>
internal sealed class UpdateClock(long latestTicks)
{
    private readonly Lock _gate = new();
    private long _latest = latestTicks;

    public DateTime Next()
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow.Ticks;
            now -= now % TimeSpan.TicksPerMillisecond;
            _latest = Math.Max(now, _latest + TimeSpan.TicksPerMillisecond);
            return new DateTime(_latest, DateTimeKind.Utc);
        }
    }

    /// <summary>The time a page is "as of": now, or the newest stamp if the data claims to be from the future.</summary>
    public DateTime Current()
    {
        lock (_gate)
        {
            return new DateTime(Math.Max(DateTime.UtcNow.Ticks, _latest), DateTimeKind.Utc);
        }
    }
}

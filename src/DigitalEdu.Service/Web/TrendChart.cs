using System.Globalization;
using DigitalEdu.Service.Features.Province;

namespace DigitalEdu.Service.Web;

/// <summary>
/// A small hand-drawn SVG line chart of coverage rates (0–100 %) over runs: no script, scales to its container. A rate a run
/// could not have (no persons, no pupils) leaves a gap in its line.
/// </summary>
public sealed record TrendChart(IReadOnlyList<TrendRun> Points)
{
    // Drawn small and scaled up: at a phone's 360 px the labels stay about 10 px high, on a desk the chart is at most 640 px.
    public const int Width = 480;
    public const int Height = 240;
    public const int Left = 44;
    public const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 30;

    public double X(int index) => Points.Count <= 1
        ? Left + (Width - Left - Right) / 2.0
        : Left + index * (Width - Left - Right) / (double)(Points.Count - 1);

    public static double Y(double percent) => Top + (Height - Top - Bottom) * (1 - percent / 100);

    public string Line(Func<TrendRun, double?> rate) =>
        string.Join(' ', Points.Select((p, i) => (Rate: rate(p), i)).Where(p => p.Rate is not null)
            .Select(p => $"{Fmt(X(p.i))},{Fmt(Y(p.Rate!.Value))}"));

    /// <summary>Gridlines at 0, 25, 50, 75 and 100 %.</summary>
    public static IEnumerable<(double Y, int Percent)> Grid() => Enumerable.Range(0, 5).Select(i => (Y(i * 25), i * 25));

    public static string Fmt(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

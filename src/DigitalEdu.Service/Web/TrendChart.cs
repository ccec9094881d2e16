using System.Globalization;

namespace DigitalEdu.Service.Web;

/// <summary>One point of the trend: a finished run and its figures.</summary>
public sealed record TrendPoint(DateTimeOffset At, int Found, int Resolved);

/// <summary>A small hand-drawn SVG line chart: no script, scales to its container.</summary>
public sealed record TrendChart(IReadOnlyList<TrendPoint> Points)
{
    public const int Width = 720;
    public const int Height = 220;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 36;

    public int Max => Math.Max(1, Points.Count == 0 ? 1 : Points.Max(p => Math.Max(p.Found, p.Resolved)));

    public double X(int index) => Points.Count <= 1
        ? Left + (Width - Left - Right) / 2.0
        : Left + index * (Width - Left - Right) / (double)(Points.Count - 1);

    public double Y(int value) => Top + (Height - Top - Bottom) * (1 - value / (double)Max);

    public string Line(Func<TrendPoint, int> value) =>
        string.Join(' ', Points.Select((p, i) => $"{Fmt(X(i))},{Fmt(Y(value(p)))}"));

    /// <summary>Four evenly spaced gridlines with their values.</summary>
    public IEnumerable<(double Y, int Value)> Grid() =>
        Enumerable.Range(0, 5).Select(i => (Y(Max * i / 4), Max * i / 4));

    public static string Fmt(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

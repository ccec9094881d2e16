namespace DigitalEdu.Data.Entities;

/// <summary>
/// An index a full province run left to build after its stored records took their place (<see cref="DeferredIndexes"/>).
/// Kept here until built, so a worker that stops in between leaves it to the next apply rather than losing it.
/// </summary>
public sealed class DeferredIndex
{
    public required string Name { get; set; }

    public required string TableName { get; set; }

    /// <summary>The statement that builds it: pg_get_indexdef's, with IF NOT EXISTS.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset DeferredAt { get; set; }
}

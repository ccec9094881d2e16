namespace DigitalEdu.Connectors.Mapping;

/// <summary>One broken invariant of a canonical record: the property's path in the model (e.g. <c>NationalHealth.ExamDate</c>) and why.</summary>
public readonly record struct RecordFailure(string PropertyName, string Message)
{
    /// <summary>Adds a failure when there is a message; the list is only made for a record that has one, which few do.</summary>
    internal static void Add(ref List<RecordFailure>? failures, string propertyName, string? message)
    {
        if (message is not null)
        {
            (failures ??= []).Add(new RecordFailure(propertyName, message));
        }
    }

    internal static IReadOnlyList<RecordFailure> ToResult(List<RecordFailure>? failures) => failures is null ? [] : failures;
}

/// <summary>What <see cref="RecordCompletion"/> needs of a record validator.</summary>
internal interface IRecordValidator<in T>
{
    /// <summary>The record's failures in rule order, at most one per property; empty when it is valid.</summary>
    IReadOnlyList<RecordFailure> Validate(T record);
}

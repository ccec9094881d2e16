namespace DigitalEdu.Domain.Vocabulary;

/// <summary>Who changes an item's status and why, as its history records it when a run does.</summary>
public static class MismatchEvents
{
    /// <summary>The actor of every change a run makes.</summary>
    public const string System = "system";

    /// <summary>A run found the item for the first time.</summary>
    public const string Found = "found";

    /// <summary>A run found again an item that was resolved or marked fixed: the fix did not reach the data.</summary>
    public const string FoundAgain = "found_again";

    /// <summary>A run no longer found the item.</summary>
    public const string NotFound = "not_found";
}

using DigitalEdu.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace DigitalEdu.Data;

/// <summary>
/// Name search in queries: a stored match key (<see cref="Entities.StoredPerson.FullNameKey"/>) without its diacritics, as
/// <see cref="VietnameseText.SearchKey"/> makes the typed text, so a search finds "Nguyễn Văn Nam" from "nguyen van nam".
/// Computed where the search runs (one school's records) rather than stored: the pull path writes millions of records, and
/// no other reader needs it.
/// </summary>
public static class PersonSearch
{
    /// <summary>Translated to <c>translate(key, accented, plain)</c>; only for use inside a query.</summary>
    public static string PlainKey(string? matchKey) =>
        throw new InvalidOperationException($"{nameof(PlainKey)} is translated to SQL and only runs inside a query.");

    internal static void Register(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(PersonSearch).GetMethod(nameof(PlainKey))!)
            .HasTranslation(arguments => new SqlFunctionExpression(
                "translate",
                [
                    arguments[0],
                    new SqlConstantExpression(VietnameseText.AccentedLetters, arguments[0].TypeMapping),
                    new SqlConstantExpression(VietnameseText.PlainLetters, arguments[0].TypeMapping),
                ],
                nullable: true,
                argumentsPropagateNullability: [true, false, false],
                typeof(string),
                arguments[0].TypeMapping));
}

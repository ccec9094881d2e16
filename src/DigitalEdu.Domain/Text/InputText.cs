namespace DigitalEdu.Domain.Text;

/// <summary>
/// What free text a person types may hold: no control characters but tab and line breaks, and well-formed UTF-16. PostgreSQL
/// refuses a NUL in text and a lone surrogate cannot be encoded, so such input is refused where it arrives, never half-stored.
/// </summary>
public static class InputText
{
    public static bool IsAllowed(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }
}

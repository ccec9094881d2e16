using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Tests.Domain;

public sealed class PersonalIdNumberTests
{
    private static readonly DateOnly Born2012 = new(2012, 3, 9);

    [Theory]
    [InlineData("022312001234", Gender.Female, 2012, "022312001234")]
    [InlineData("022212001234", Gender.Male, 2012, "022212001234")]
    [InlineData("022086004321", Gender.Male, 1986, "022086004321")]
    [InlineData("001186004321", Gender.Female, 1986, "001186004321")]
    [InlineData("  022312001234 ", Gender.Female, 2012, "022312001234")]
    [InlineData("022 312 001 234", Gender.Female, 2012, "022312001234")]
    [InlineData("022.312.001.234", Gender.Female, 2012, "022312001234")]
    [InlineData("022-312-001234", Gender.Female, 2012, "022312001234")]
    [InlineData("022\u00A0312001234", Gender.Female, 2012, "022312001234")]
    public void Check_valid_id_is_valid_with_cleaned_digits(string raw, Gender gender, int birthYear, string digits)
    {
        var check = PersonalIdNumber.Check(raw, gender, new DateOnly(birthYear, 6, 1));

        Assert.True(check.IsPresent);
        Assert.True(check.IsValid);
        Assert.Equal(digits, check.Digits);
        Assert.Equal(PersonalIdDefect.None, check.Defect);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" . - ")]
    public void Check_null_or_blank_is_missing(string? raw)
    {
        var check = PersonalIdNumber.Check(raw, Gender.Female, Born2012);

        Assert.False(check.IsPresent);
        Assert.False(check.IsValid);
        Assert.Null(check.Digits);
    }

    [Theory]
    [InlineData("22312001234", PersonalIdDefect.LeadingZeroLost)]
    [InlineData("022312001", PersonalIdDefect.LegacyCmnd)]
    [InlineData("0223120012", PersonalIdDefect.Format)]
    [InlineData("0223120012345", PersonalIdDefect.Format)]
    [InlineData("O22312001234", PersonalIdDefect.Format)]
    [InlineData("022312OO1234", PersonalIdDefect.Format)]
    [InlineData("02231200123A", PersonalIdDefect.Format)]
    [InlineData("abc", PersonalIdDefect.Format)]
    [InlineData("0", PersonalIdDefect.Format)]
    [InlineData("０２２３１２００１２３４", PersonalIdDefect.Format)]
    [InlineData("0223120012340223120012340223120012340223120012340223120012340223120012340", PersonalIdDefect.Format)]
    [InlineData("0223 1200 1234 0223 1200 1234 0223 1200 1234 0223 1200 1234 0223 1200 1234 0223 1200 1234 0", PersonalIdDefect.Format)]
    [InlineData("022 312 001 23", PersonalIdDefect.LeadingZeroLost)]
    [InlineData("022-312-001", PersonalIdDefect.LegacyCmnd)]
    [InlineData("022312001234\u0000", PersonalIdDefect.Format)]
    public void Check_wrong_shape_gives_defect_without_digits(string raw, PersonalIdDefect defect)
    {
        var check = PersonalIdNumber.Check(raw, Gender.Female, Born2012);

        Assert.True(check.IsPresent);
        Assert.False(check.IsValid);
        Assert.Equal(defect, check.Defect);
        Assert.Null(check.Digits);
    }

    [Theory]
    [InlineData("003")]
    [InlineData("099")]
    [InlineData("300")]
    [InlineData("999")]
    [InlineData("000")]
    [InlineData("065")]
    public void Check_unknown_prefix_is_unknown_province_code_and_keeps_digits(string prefix)
    {
        var raw = prefix + "312001234";

        var check = PersonalIdNumber.Check(raw, Gender.Female, Born2012);

        Assert.Equal(PersonalIdDefect.UnknownProvinceCode, check.Defect);
        Assert.Equal(raw, check.Digits);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("150")]
    [InlineData("299")]
    public void Check_abroad_prefix_100_to_299_is_accepted(string prefix)
    {
        var check = PersonalIdNumber.Check(prefix + "312001234", Gender.Female, Born2012);

        Assert.True(check.IsValid);
    }

    // Digit 4: 1900s male 0 / female 1, 2000s 2 / 3, 2100s 4 / 5, 2200s 6 / 7, 2300s 8 / 9.
    [Theory]
    [InlineData('0', Gender.Male, 1912)]
    [InlineData('1', Gender.Female, 1912)]
    [InlineData('2', Gender.Male, 2012)]
    [InlineData('3', Gender.Female, 2012)]
    [InlineData('4', Gender.Male, 2112)]
    [InlineData('5', Gender.Female, 2112)]
    [InlineData('6', Gender.Male, 2212)]
    [InlineData('7', Gender.Female, 2212)]
    [InlineData('8', Gender.Male, 2312)]
    [InlineData('9', Gender.Female, 2312)]
    public void Check_century_gender_digit_decodes_gender_and_century(char digit, Gender gender, int birthYear)
    {
        var raw = $"022{digit}12001234";
        var other = gender == Gender.Male ? Gender.Female : Gender.Male;

        Assert.True(PersonalIdNumber.Check(raw, gender, new DateOnly(birthYear, 1, 1)).IsValid);
        Assert.Equal(PersonalIdDefect.GenderDigit, PersonalIdNumber.Check(raw, other, new DateOnly(birthYear, 1, 1)).Defect);
        Assert.Equal(PersonalIdDefect.BirthYear, PersonalIdNumber.Check(raw, gender, new DateOnly(birthYear - 100, 1, 1)).Defect);
    }

    [Theory]
    [InlineData("022312001234", 2013)]
    [InlineData("022312001234", 1912)]
    [InlineData("022086004321", 2086)]
    public void Check_birth_year_mismatch_is_birth_year_and_keeps_digits(string raw, int birthYear)
    {
        var gender = raw[3] % 2 == 0 ? Gender.Male : Gender.Female;

        var check = PersonalIdNumber.Check(raw, gender, new DateOnly(birthYear, 1, 1));

        Assert.Equal(PersonalIdDefect.BirthYear, check.Defect);
        Assert.Equal(raw, check.Digits);
    }

    [Theory]
    [InlineData("022312001234")]
    [InlineData(" 022.312.001.234 ")]
    [InlineData("099312001234")]
    [InlineData("022212001234")]
    public void Check_digits_are_the_cleaned_id(string raw) =>
        Assert.Equal(PersonalIdNumber.Clean(raw), PersonalIdNumber.Check(raw, Gender.Female, Born2012).Digits);

    [Fact]
    public void IsKnownPrefix_reads_spans_as_strings()
    {
        Assert.True(ProvinceCodes.IsKnownPrefix("022"));
        Assert.True(ProvinceCodes.IsKnownPrefix("022312".AsSpan(0, 3)));
        Assert.True(ProvinceCodes.IsKnownPrefix("150".AsSpan()));
        Assert.False(ProvinceCodes.IsKnownPrefix("003".AsSpan()));
        Assert.False(ProvinceCodes.IsKnownPrefix("300".AsSpan()));
    }

    [Fact]
    public void Check_gender_is_judged_before_birth_year()
    {
        var check = PersonalIdNumber.Check("022312001234", Gender.Male, new DateOnly(1999, 1, 1));

        Assert.Equal(PersonalIdDefect.GenderDigit, check.Defect);
    }

    [Theory]
    [InlineData(PersonalIdDefect.Format, "format")]
    [InlineData(PersonalIdDefect.LeadingZeroLost, "leading_zero_lost")]
    [InlineData(PersonalIdDefect.LegacyCmnd, "legacy_cmnd")]
    [InlineData(PersonalIdDefect.UnknownProvinceCode, "unknown_province_code")]
    [InlineData(PersonalIdDefect.GenderDigit, "gender_digit")]
    [InlineData(PersonalIdDefect.BirthYear, "birth_year")]
    public void ToDetail_gives_the_api_detail_name(PersonalIdDefect defect, string detail) =>
        Assert.Equal(detail, defect.ToDetail());

    [Theory]
    [InlineData("022312001234", "022******234")]
    [InlineData("22312001234", "223*****234")]
    [InlineData("1234567", "123*567")]
    [InlineData("123456", "******")]
    [InlineData("12", "**")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Mask_keeps_first_and_last_three(string? id, string? masked) =>
        Assert.Equal(masked, PersonalIdNumber.Mask(id));

    [Theory]
    [InlineData("022313004567", new[] { 4 }, "0223*****567")]
    [InlineData("022313004567", new[] { 4, 5, 6 }, "022313***567")]
    [InlineData("022313004567", new[] { 1, 2, 3 }, "022******567")]
    [InlineData("022313004567", new int[0], "022******567")]
    [InlineData("22313004567", new[] { 4 }, "2231****567")]
    [InlineData(null, new[] { 4 }, null)]
    public void MaskExcept_shows_only_the_digits_asked_for(string? id, int[] positions, string? shown) =>
        Assert.Equal(shown, PersonalIdNumber.MaskExcept(id, positions));

    [Theory]
    [InlineData("gender_digit", PersonalIdDefect.GenderDigit)]
    [InlineData("birth_year", PersonalIdDefect.BirthYear)]
    [InlineData("sms", PersonalIdDefect.None)]
    [InlineData(null, PersonalIdDefect.None)]
    public void DefectOf_reads_a_detail(string? detail, PersonalIdDefect defect) => Assert.Equal(defect, PersonalIdNumber.DefectOf(detail));

    [Theory]
    [InlineData("Record 022312000041 failed: phone 0912345678, card 123456789", "Record 022******041 failed: phone 091****678, card 123***789")]
    [InlineData("school 22000220 page 3", "school 22000220 page 3")]
    [InlineData(null, null)]
    public void MaskNumbersIn_masks_every_long_number_and_leaves_codes(string? text, string? masked) =>
        Assert.Equal(masked, PersonalIdNumber.MaskNumbersIn(text));
}

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>The mismatch queue's use cases, for the API and the pages alike.</summary>
public static class MismatchesFeature
{
    public static WebApplicationBuilder AddMismatches(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ItemPersons>();
        builder.Services.AddScoped<ItemViews>();
        builder.Services.AddScoped<ListMismatches.Handler>();
        builder.Services.AddScoped<GetMismatch.Handler>();
        builder.Services.AddScoped<MismatchHistory.Handler>();
        builder.Services.AddScoped<FindCandidates.Handler>();
        builder.Services.AddSingleton<CandidateFinder>();
        builder.Services.AddScoped<ItemTransitions>();
        builder.Services.AddScoped<MarkFixed.Handler>();
        builder.Services.AddScoped<Dismiss.Handler>();
        builder.Services.AddScoped<Reopen.Handler>();
        builder.Services.AddScoped<SummarizeMismatches.Handler>();
        builder.Services.AddScoped<ExportMismatches.Handler>();
        builder.Services.AddScoped<RevealPersonalId.Handler>();
        builder.Services.AddScoped<ImportFixed.Handler>();
        builder.Services.AddScoped<CheckSchool.Handler>();
        builder.Services.AddScoped<SharedIdRecords.Handler>();
        return builder;
    }
}

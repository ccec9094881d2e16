using DigitalEdu.Connectors;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Commands;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Sync;
using FluentValidation;
using Hangfire;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddSync(builder.Configuration);
builder.Services.AddUpstreams(builder.Configuration);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddValidatorsFromAssemblyContaining<DigitalEdu.Sync.Jobs.StartSyncRunValidator>();
builder.AddJobs();
builder.AddAccess();

var app = builder.Build();
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapSyncRunsApi();
app.MapBatchesApi();
app.MapMismatchesApi();
app.Run();
return 0;

public partial class Program;

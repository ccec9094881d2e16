using DigitalEdu.Service.Access;
using DigitalEdu.Service.Commands;
using DigitalEdu.Service.Features.Audit;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Features.Province;
using DigitalEdu.Service.Features.Reports;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Service.Web;
using FluentValidation;

// A command (migrate, create-token, list-tokens, revoke-token, create-user, disable-user, sync) runs on the host's configuration
// and services, without serving.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArguments ?? args);
command?.ConfigureLogging(builder);

builder.AddServiceDefaults();
builder.AddWebProtection();
builder.AddUpstreams();
builder.AddSync();
builder.AddJobs();
builder.AddAccess();
builder.AddMismatches();
builder.AddProvince();
builder.AddReports();
builder.AddAudit();
builder.AddOperations();
builder.AddWeb();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseWebProtection();
app.UseWorkerGate();
app.UseStaticFiles();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseErrorPages();
app.UseRouting();
app.UseRequestGuards();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapMismatchesApi();
app.MapProvinceApi();
app.MapReportsApi();
app.MapAuditApi();
app.MapOperationsApi();
app.MapWeb();
app.Run();
return 0;

public partial class Program;

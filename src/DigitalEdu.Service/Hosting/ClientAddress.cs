namespace DigitalEdu.Service.Hosting;

/// <summary>
/// The client's address as the rate limits, the lockout log and the audit log name it: the connection's, or the one a trusted
/// proxy forwarded (<see cref="WebProtection"/>); an IPv4 address carried in IPv6 is written as IPv4.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}

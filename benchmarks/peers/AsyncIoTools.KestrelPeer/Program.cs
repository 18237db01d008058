using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// Kestrel with the slim builder, answering GET / and /plaintext with "Hello, World!" as TechEmpower's plaintext
// test does (and as our engines do); any other path 404. Usage: AsyncIoTools.KestrelPeer [--port N]
var port = args is ["--port", var text] ? int.Parse(text, CultureInfo.InvariantCulture) : 8080;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));

// The same listen backlog as nginx (backlog=65535) and the C twins: the socket transport's default, 512, overflows
// on the SYN burst of a 10,000-connection row and its first requests then wait for retransmissions.
builder.WebHost.UseSockets(options => options.Backlog = 65535);
var app = builder.Build();

var body = "Hello, World!"u8.ToArray();
app.Run(context =>
{
    var path = context.Request.Path;
    if (path != "/" && path != "/plaintext")
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening on {new Uri(address).Authority}");
await app.WaitForShutdownAsync();

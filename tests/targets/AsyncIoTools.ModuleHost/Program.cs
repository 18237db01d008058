using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;

// Stands in for pwsh: it references nothing of AsyncIoTools, so its default load context (like pwsh's) finds none
// of the module's assemblies by itself. It loads the module from its folder as Import-Module does, runs the hook
// Import-Module runs, then binds what the cmdlets bind and uses it for real:
//   ModuleHost MODULE_FOLDER [LAG_TARGET_PID]
// It prints one JSON document: what worked, and the load context and file of every assembly loaded.
var moduleFolder = Path.GetFullPath(args[0]);
var lagTarget = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var results = new Dictionary<string, object?>();

var module = Assembly.LoadFrom(Path.Combine(moduleFolder, "AsyncIoTools.PowerShell.dll"));
module.GetType("AsyncIoTools.PowerShell.Loading.DependencyIsolation", throwOnError: true)!.GetMethod("Install")!.Invoke(null, null);

// A cmdlet's reference to the diagnostics is bound in the default context, as these are.
var diagnostics = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AsyncIoTools.Diagnostics"));
var engines = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AsyncIoTools.Engines"));

var processes = (System.Collections.ICollection)Static(diagnostics, "AsyncIoTools.Diagnostics.Targets.DotNetProcessLister", "List")!;
results["dotNetProcesses"] = processes.Count;

if (lagTarget > 0)
{
    var lagOptions = Create(diagnostics, "AsyncIoTools.Diagnostics.Lag.LagOptions", ("ProcessId", lagTarget), ("Duration", TimeSpan.FromSeconds(2)), ("Interval", TimeSpan.FromSeconds(1)));
    var lag = await Await(Static(diagnostics, "AsyncIoTools.Diagnostics.Lag.LagMonitor", "RunAsync", lagOptions, null, CancellationToken.None));
    var summary = Property(lag, "Summary");
    results["lagItems"] = Property(summary, "Items");
    results["lagVerdict"] = Property(summary, "Verdict")?.ToString();

    var hotspotOptions = Create(diagnostics, "AsyncIoTools.Diagnostics.Hotspots.HotspotsOptions", ("ProcessId", lagTarget));
    var hotspots = await Await(Static(diagnostics, "AsyncIoTools.Diagnostics.Hotspots.AsyncHotspotScanner", "ScanAsync", hotspotOptions, CancellationToken.None));
    results["hotspotMethods"] = ((System.Collections.ICollection)Property(hotspots, "Methods")!).Count;
}

// Another module asking the default context for TraceEvent must not be handed the module's copy.
try
{
    AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Microsoft.Diagnostics.Tracing.TraceEvent"));
    results["traceEventFromDefault"] = true;
}
catch (FileNotFoundException)
{
    results["traceEventFromDefault"] = false;
}

// Start-IoEngineServer's path: the module's launch of its own aiotools, a real server, a real request.
var launch = module.GetType("AsyncIoTools.PowerShell.Loading.ModuleFolders", throwOnError: true)!.GetMethod("ServerLaunch")!.Invoke(null, null)!;
var settings = Activator.CreateInstance(engines.GetType("AsyncIoTools.Engines.Contract.ServerSettings", throwOnError: true)!)!;
var server = (await Await(Static(engines, "AsyncIoTools.Engines.Hosting.ServerProcess", "StartAsync", launch, settings, null, CancellationToken.None)))!;
try
{
    var endPoint = (IPEndPoint)Property(server, "EndPoint")!;
    using var client = new TcpClient();
    await client.ConnectAsync(endPoint);
    var stream = client.GetStream();
    await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    var response = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync();
    results["serverLaunch"] = Property(launch, "FileName");
    results["serverStatusLine"] = response.Split("\r\n")[0];
    var counters = await Await(server.GetType().GetMethod("ReadCountersAsync")!.Invoke(server, [CancellationToken.None]));
    results["serverRequests"] = Property(counters, "Requests");
}
finally
{
    await (ValueTask)server.GetType().GetMethod("DisposeAsync")!.Invoke(server, null)!;
}

results["assemblies"] = AppDomain.CurrentDomain.GetAssemblies()
    .Where(a => !a.IsDynamic)
    .Select(a => new Dictionary<string, string?>
    {
        ["name"] = a.GetName().Name,
        ["context"] = AssemblyLoadContext.GetLoadContext(a)?.Name,
        ["location"] = a.Location,
    })
    .ToList();
Console.Out.WriteLine(JsonSerializer.Serialize(results));
return 0;

static object? Static(Assembly assembly, string typeName, string method, params object?[] arguments)
{
    var type = assembly.GetType(typeName, throwOnError: true)!;
    var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method && m.GetParameters().Length == arguments.Length);
    var chosen = candidates.First(m => m.GetParameters().Zip(arguments).All(p => p.Second is null ? !p.First.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.First.ParameterType) is not null : p.First.ParameterType.IsInstanceOfType(p.Second)));
    return chosen.Invoke(null, arguments);
}

static object Create(Assembly assembly, string typeName, params (string Name, object Value)[] values)
{
    var instance = Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;
    foreach (var (name, value) in values)
    {
        instance.GetType().GetProperty(name)!.SetValue(instance, value);
    }

    return instance;
}

static object? Property(object? instance, string name) => instance?.GetType().GetProperty(name)!.GetValue(instance);

static async Task<object?> Await(object? task)
{
    await (Task)task!;
    return task!.GetType().GetProperty("Result")!.GetValue(task);
}

// Prints one "ready" line, then keeps a timer and the thread pool busy until stdin closes or says "quit".
using var timer = new Timer(static _ => ThreadPool.UnsafeQueueUserWorkItem(static _ => { }, null), null, 0, 10);
Console.Out.WriteLine($"{{\"event\":\"ready\",\"pid\":{Environment.ProcessId},\"runtime\":\"{Environment.Version}\"}}");
Console.Out.Flush();
while (Console.In.ReadLine() is { } line && line != "quit")
{
}

using Xunit;

// Load tests and the runner pin, open many sockets and start servers: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

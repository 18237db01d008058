using Xunit;

// The conformance suite counts a server's descriptors and opens hundreds of sockets: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

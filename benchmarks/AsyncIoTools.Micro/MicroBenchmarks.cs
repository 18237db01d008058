namespace AsyncIoTools.Micro;

/// <summary>Anchor for the benchmark switcher: every benchmark class of this assembly is listed.</summary>
public static class MicroBenchmarks;

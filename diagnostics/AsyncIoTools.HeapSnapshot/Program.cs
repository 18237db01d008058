using AsyncIoTools.Diagnostics.Hotspots;

return HeapSnapshotWorker.Run(args, Console.Out);

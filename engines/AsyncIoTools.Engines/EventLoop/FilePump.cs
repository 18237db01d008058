namespace AsyncIoTools.Engines.EventLoop;

internal enum FilePump
{
    Complete,
    WouldBlock,
    Failed,
}

using System.Runtime.InteropServices;

namespace AsyncIoTools.Interop;

internal static unsafe partial class Libc
{
    internal const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    internal struct rlimit
    {
        public ulong rlim_cur;
        public ulong rlim_max;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int prlimit(int pid, int resource, rlimit* new_limit, rlimit* old_limit);
}

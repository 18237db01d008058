"""Starting the servers and running the clients of the peer comparison and the load-generator calibration.

Every server runs pinned to CPU 0 and every client to CPU 1. A server's CPU is user + system time of its process
(all its threads, those gone included) from /proc/PID/stat over a client's run; the client's is its own rusage.
"""
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

SERVER_CPU = "0"
CLIENT_CPU = "1"
TICKS = os.sysconf("SC_CLK_TCK")


def raise_open_files():
    """Clients and servers inherit the hard open-files limit (wrk -c10000 needs it)."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _stat(pid):
    """/proc/PID/stat as the command name (which may hold spaces and parentheses) and the fields after it: state
    (field 3) first, so field N is at index N - 3."""
    with open(f"/proc/{pid}/stat") as f:
        head, tail = f.read().rsplit(")", 1)
    return head.split("(", 1)[1], tail.split()


def cpu_micros(pid):
    """User + system CPU of a process, all its threads, in µs (/proc/PID/stat, clock ticks)."""
    _, fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) * 1_000_000 // TICKS


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _machine_cpu():
    with open("/proc/stat") as f:
        return [int(v) for v in f.readline().split()[1:]]


def cpu_census():
    """CPU time of every process now (kernel threads included), in µs, by (pid, start time): a pid the kernel hands out
    again is a new process. Two censuses give what processes other than ours used in between (others_since). The
    machine's busy time less ours does not: softirq work the kernel did while a CPU was idle is busy time that no process
    is charged for, and on loopback that is our own traffic's (the bench runner saw 30-38% of a CPU of 'others' on
    io_uring that way, with nothing else running). A process's time includes its children's that it has waited for
    (cutime, cstime): a short-lived process that ends between two censuses is seen through its parent. The kernel's
    softirq threads (ksoftirqd/N) are left out for the reason above: on loopback their network work is our traffic's."""
    census = Census()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            comm, fields = _stat(name)
        except (OSError, IndexError, ValueError):
            continue
        if len(fields) > 19 and not _is_softirq_thread(comm, fields):
            key = (int(name), int(fields[19]))
            census[key] = sum(max(0, int(v)) for v in fields[11:15]) * 1_000_000 // TICKS
            if _is_kernel_thread(fields):
                census.kernel_threads.add(key)
    return census


class Census(dict):
    """cpu_census(): CPU µs by (pid, start time), and which of them are kernel threads."""

    def __init__(self):
        super().__init__()
        self.kernel_threads = set()


def _is_kernel_thread(fields):
    """PF_KTHREAD in the flags (field 9)."""
    return bool(int(fields[6]) & 0x00200000)


def _is_softirq_thread(comm, fields):
    """A kernel thread named ksoftirqd/N."""
    return _is_kernel_thread(fields) and comm.startswith("ksoftirqd/")


def our_processes():
    """This script and every process under it: the server, its workers, the client."""
    ours, pending = {os.getpid()}, [os.getpid()]
    while pending:
        parent = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as f:
                    children = [int(c) for c in f.read().split()]
            except OSError:
                continue
            pending.extend(c for c in children if c not in ours)
            ours.update(children)
    return ours


def others_since(before, after=None, ours=None, ours_before=frozenset()):
    """CPU time, in µs, that processes outside `ours` (default: our_processes()) and `ours_before` (ours when `before`
    was taken: one of ours that ended meanwhile is not another's) used from census `before` to `after` (default: now);
    one that started meanwhile counts from nothing, one that ended meanwhile through the parent that waited for it."""
    after = cpu_census() if after is None else after
    ours = (our_processes() if ours is None else ours) | set(ours_before)
    return sum(max(0, cpu - before.get(key, 0)) for key, cpu in after.items() if key[0] not in ours)


def steal_micros():
    """Time the hypervisor kept this virtual machine's CPUs from running while they had work (/proc/stat steal), in µs,
    summed over CPUs. No process here can see it, and a run it hits is slower for a reason outside the machine: on
    this VM the file table's slow trials are the ones with steal (issue 16 item 4)."""
    return _machine_cpu()[7] * 1_000_000 // TICKS


def busy_reading():
    """What busy_since needs of the machine now: the time, and how long its CPUs have been idle (idle and iowait) or
    stolen, in µs summed over CPUs (/proc/stat), with the number of CPUs online. On a tickless kernel idle time is
    measured at each entry to and exit from idle, while the busy fields are only sampled at the tick: a CPU that wakes
    and sleeps again between two ticks never shows as busy there."""
    fields = _machine_cpu() + [0] * 8
    return time.monotonic(), (fields[3] + fields[4] + fields[7]) * 1_000_000 // TICKS, os.sysconf("SC_NPROCESSORS_ONLN")


def census_with_machine():
    """cpu_census() with the busy_reading() of its middle (read before and after it: reading every process takes tens
    of milliseconds, in which a loaded machine is busy on every CPU); the reading is None when the census cannot see
    the kernel's threads (a PID namespace), since /proc/stat then counts processes it cannot see."""
    first = busy_reading()
    census = cpu_census()
    last = busy_reading()
    if not census.kernel_threads:
        return None, census
    return ((first[0] + last[0]) / 2, (first[1] + last[1]) // 2, last[2]), census


def busy_since(before, after):
    """Time the CPUs were busy between two busy_reading()s, in µs: wall time times CPUs, less idle and steal; None when
    CPUs came or went in between (/proc/stat's first line sums every possible CPU's idle, an offline one's standing
    still) or a reading is missing."""
    if before is None or after is None or before[2] != after[2]:
        return None
    return round((after[0] - before[0]) * 1e6 * after[2]) - (after[1] - before[1])


def uncharged_since(busy, census_before, census_after):
    """CPU time, in µs, the machine was `busy` (busy_since) between two cpu_census readings that no process in the
    censuses was charged for: the kernel's softirq threads (ksoftirqd/N, which cpu_census leaves out) and softirq work
    done while a CPU was idle (on a kernel without CONFIG_IRQ_TIME_ACCOUNTING, as here; with it, softirq work that
    interrupted a process is taken out of its time and lands here too). On loopback that is the network work of the
    run's own traffic that neither the server's nor the client's CPU time holds, so a server that leaves more of its
    traffic's work there looks cheaper per request. Processes are summed one by one, a new one from nothing; one that
    ended meanwhile is in its waiting parent's cutime/cstime, whole life, so what it had before is taken off, except
    for a kernel thread, which nobody waits for. Process times come in whole clock ticks, so a quiet run can come out
    slightly below zero, read as none. None without a busy time."""
    if busy is None:
        return None
    kernel = getattr(census_before, "kernel_threads", set())
    charged = sum(cpu - census_before.get(key, 0) for key, cpu in census_after.items())
    charged -= sum(cpu for key, cpu in census_before.items() if key not in census_after and key not in kernel)
    return max(0, busy - charged)


# Counters that say a run was hurt by the network stack rather than by the server: the per-CPU input backlog
# overflowing (loopback delivers every segment through it, netif_rx -> enqueue_to_backlog; a drop costs the
# connection a retransmission, after an RTO if it was the tail of a burst), the retransmissions and RTO timeouts
# themselves, and the listen queue overflowing (a dropped SYN is retried after 1 s); and what says a retransmission was
# spurious: tail loss probes (TLP fires when an ACK is later than ~2 RTTs, a scheduling delay on a busy machine),
# reordering seen by SACK (loopback segments of one connection queued to both CPUs' backlogs) and D-SACKs received
# (the receiver already had the segment).
NETWORK_COUNTERS = ("softnetDrops", "retransmittedSegments", "tcpTimeouts", "listenOverflows", "lossProbes", "sackReorder", "dsackReceived")
# Column headings for NETWORK_COUNTERS, in the same order.
NETWORK_LABELS = ("softnet drops", "retransmitted segments", "RTO timeouts", "listen overflows", "tail-loss probes", "SACK reorderings", "D-SACKs")

# What the preflight checks: sysctl, the least a table needs, why.
CONGESTION_CONTROL = "net.ipv4.tcp_congestion_control"

NETWORK_SYSCTLS = [
    ("net.core.netdev_max_backlog", 65536, "per-CPU input backlog: the SYN burst of 10,000 connections opened at once overflows "
     "1,000 (softnet drops), each dropped SYN is sent again after 1 s"),
    ("net.core.somaxconn", 65535, "caps every listen queue: 10,000 connections opened at once overflow 4,096, the handshake's ACK "
     "is dropped and the first request waits for RTOs"),
]


def softnet_drops(text):
    """Column 2 of /proc/net/softnet_stat (hex, one line per CPU): packets dropped because the input backlog was full."""
    return sum(int(line.split()[1], 16) for line in text.splitlines() if line.strip())


def snmp_value(text, group, name):
    """A counter of /proc/net/snmp or /proc/net/netstat, where each group is a header line then a values line."""
    lines = [line.split() for line in text.splitlines() if line.startswith(group + ":")]
    for header, values in zip(lines[::2], lines[1::2]):
        if name in header:
            return int(values[header.index(name)])
    return 0


def network_counters():
    """The machine-wide NETWORK_COUNTERS now; a run records the difference over it."""
    def read(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""
    snmp, netstat = read("/proc/net/snmp"), read("/proc/net/netstat")
    return {
        "softnetDrops": softnet_drops(read("/proc/net/softnet_stat")),
        "retransmittedSegments": snmp_value(snmp, "Tcp", "RetransSegs"),
        "tcpTimeouts": snmp_value(netstat, "TcpExt", "TCPTimeouts"),
        "listenOverflows": snmp_value(netstat, "TcpExt", "ListenOverflows"),
        "lossProbes": snmp_value(netstat, "TcpExt", "TCPLossProbes"),
        "sackReorder": snmp_value(netstat, "TcpExt", "TCPSACKReorder"),
        "dsackReceived": snmp_value(netstat, "TcpExt", "TCPDSACKRecv"),
    }


def network_since(before):
    after = network_counters()
    return {k: after[k] - before[k] for k in NETWORK_COUNTERS}


def setting_path(name):
    """A sysctl (net.core.netdev_max_backlog) or a device's setting under /sys (lo.rps_cpus: loopback's RPS CPU mask)."""
    device, _, knob = name.partition(".")
    if knob == "rps_cpus":
        return f"/sys/class/net/{device}/queues/rx-0/rps_cpus"
    return "/proc/sys/" + name.replace(".", "/")


def read_sysctl(name):
    try:
        with open(setting_path(name)) as f:
            return f.read().strip()
    except OSError:
        return None


def write_sysctl(name, value):
    with open(setting_path(name), "w") as f:
        f.write(str(value))


def network_preflight(set_as_root=False):
    """
    Reads NETWORK_SYSCTLS, prints what to set for each one below what a table needs, and with set_as_root (and
    root) sets it, saying so. Returns the values the table ran with (the result file records them) and the
    original values of those it changed (restore_sysctls puts them back).
    """
    values, changed = {}, {}
    for name, least, why in NETWORK_SYSCTLS:
        text = read_sysctl(name)
        values[name] = text
        if text is None or not text.isdigit() or int(text) >= least:
            continue
        if set_as_root and os.geteuid() == 0:
            write_sysctl(name, least)
            changed[name], values[name] = text, str(least)
            print(f"preflight: set {name} = {least} (was {text}; {why}); put back when the table ends", flush=True)
        else:
            print(f"preflight: {name} = {text}, below {least}: {why}; set it with `sysctl -w {name}={least}` "
                  f"(the table sets it itself when run as root)", file=sys.stderr, flush=True)
    for name in ("net.core.dev_weight", CONGESTION_CONTROL):
        values[name] = read_sysctl(name)
    return values, changed


def use_congestion_control(wanted, set_as_root=False):
    """
    Makes `wanted` (cubic, bbr, ...) the congestion control new connections get, as root and when asked; returns the
    original value if it changed it (restore_sysctls puts it back). None or "keep" leaves the machine's. A control the
    kernel does not offer raises ValueError naming those it does; one it cannot set is said on stderr and the table
    runs under the machine's (the result file records which).
    """
    current = read_sysctl(CONGESTION_CONTROL)
    if wanted in (None, "keep") or current == wanted:
        return {}
    offered = (read_sysctl("net.ipv4.tcp_available_congestion_control") or "").split()
    if wanted not in offered:
        raise ValueError(f"congestion control {wanted!r} is not available here (this kernel offers: {', '.join(offered) or 'none'}); "
                         f"try `modprobe tcp_{wanted}`, or --congestion-control keep")
    if set_as_root and os.geteuid() == 0:
        write_sysctl(CONGESTION_CONTROL, wanted)
        print(f"preflight: set {CONGESTION_CONTROL} = {wanted} (was {current}); put back when the table ends", flush=True)
        return {CONGESTION_CONTROL: current}
    print(f"preflight: {CONGESTION_CONTROL} = {current}, not {wanted}: the table runs under {current}; set it with "
          f"`sysctl -w {CONGESTION_CONTROL}={wanted}` (the table sets it itself when run as root)", file=sys.stderr, flush=True)
    return {}


def end_on_sigterm():
    """
    SIGTERM (timeout, kill, a CI runner) ends a script like Ctrl+C does: through its finally blocks, which stop the
    servers and put the sysctls back. Python's default for SIGTERM ends it at once, finally blocks and all, and a
    machine left under another congestion control or backlog changes every run after it.
    """
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def restore_sysctls(changed):
    for name, text in changed.items():
        write_sysctl(name, text)
        print(f"restored {name} = {text}", flush=True)


NETWORK_NOTE = ("softnet drops are packets the per-CPU input backlog (net.core.netdev_max_backlog) had no room for; each costs "
                "a retransmission, often after an RTO (~200 ms): a run with drops or RTO timeouts was hurt by the machine, not the server.")


def describe_sysctls(document):
    """One line for a table: the network sysctls it ran with (older result files have none)."""
    sysctls = document.get("sysctls") or {}
    return "Network sysctls: " + ", ".join(f"{k} = {v}" for k, v in sysctls.items()) + "." if sysctls else ""


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A server pinned to CPU 0; `pid` is the process whose CPU is measured (nginx: its one worker)."""
    name: str
    label: str
    process: subprocess.Popen
    pid: int
    url: str
    workdir: str | None = None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def start_listening(name, label, command, env=None):
    """Starts a server that prints 'listening on ADDR:PORT' (ours, the C twins, the Kestrel peer)."""
    process = subprocess.Popen(["taskset", "-c", SERVER_CPU, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    match = re.match(r"listening on (\S+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"{label} did not start: {line.strip() or process.stderr.read().strip()}")
    return Server(name, label, process, process.pid, f"http://{match.group(1)}/")


NGINX_CONF = """worker_processes 1;
worker_cpu_affinity 01;
worker_rlimit_nofile 20000;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 19000; use epoll; multi_accept on; }}
http {{
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  server {{ listen 127.0.0.1:{port} backlog=65535; location / {{ default_type text/plain; return 200 "Hello, World!"; }} }}
}}
"""


def start_nginx():
    """nginx, one worker pinned to CPU 0, answering "Hello, World!" like our plaintext protocol."""
    work = tempfile.mkdtemp(prefix="aiotools-nginx-")
    port = free_port()
    with open(f"{work}/nginx.conf", "w") as f:
        f.write(NGINX_CONF.format(work=work, port=port))
    process = subprocess.Popen(["taskset", "-c", SERVER_CPU, "nginx", "-c", f"{work}/nginx.conf", "-p", work, "-e", f"{work}/error.log"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 10
    while time.time() < deadline:
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        if children:
            return Server("nginx", "nginx", process, int(children[0]), f"http://127.0.0.1:{port}/", work)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx did not start: {process.stderr.read().strip()}")


@dataclass
class ClientRun:
    requests: int = 0
    seconds: float = 0.0
    requests_per_second: float = 0.0
    p50_micros: float | None = None
    p99_micros: float | None = None
    errors: int = 0
    client_cpu_micros: int = 0
    wall_seconds: float = 0.0
    # Set by a client that reads the server's CPU around its own measured window (aiotools_load): used instead of
    # the CPU over the client's whole run.
    server_cpu_micros: int | None = None
    window_seconds: float | None = None
    output: str = field(default="", repr=False)


class ClientHung(RuntimeError):
    """A client that did not finish long after its duration: killed, so one stall cannot hold a whole table."""


def run_client(command, timeout=None):
    """
    Runs a client pinned to CPU 1; returns a ClientRun with its output, its CPU (rusage) and its wall time. With a
    timeout the client is killed once it has run that long and ClientHung is raised: h2load -D with pipelining has
    been seen to keep its connections going after "Stopped all clients" (10 minutes, against Kestrel, until killed).
    """
    started = time.monotonic()
    process = subprocess.Popen(["taskset", "-c", CLIENT_CPU, *command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    timer, killed = _kill_after(process, timeout)
    try:
        with process.stdout:
            output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        if timer:
            timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if killed.is_set():
        raise ClientHung(f"{command[0]} did not finish within {timeout:.0f} s and was killed: {output.strip()[-200:]}")
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {output.strip()[-300:]}")
    return ClientRun(output=output, client_cpu_micros=round((usage.ru_utime + usage.ru_stime) * 1e6), wall_seconds=wall)


def _kill_after(process, timeout):
    """A started timer that kills `process` once `timeout` seconds have passed (None without a timeout), and the
    event it sets when it did: the caller cancels the timer when the process is done, then asks the event."""
    killed = threading.Event()

    def kill():
        killed.set()
        process.kill()

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    return timer, killed


def client_timeout(seconds, connections):
    """Generous: the run itself, connecting and closing every connection on a loaded machine, and a margin."""
    return seconds * 3 + connections / 500 + 30


def micros(text):
    """wrk's durations (10.5us, 1.2ms, 2s, 1.5m) in µs."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 1, "ms": 1e3, "s": 1e6, "m": 6e7}[unit]


def wrk(url, connections, seconds, threads=1):
    run = run_client(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url], client_timeout(seconds, connections))
    output = run.output
    match = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    run.requests, run.seconds = int(match.group(1)), micros(match.group(2) + match.group(3)) / 1e6
    run.requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    for name, percent in (("p50_micros", "50%"), ("p99_micros", "99%")):
        if found := re.search(rf"^\s+{percent}\s+(\S+)", output, re.M):
            setattr(run, name, micros(found.group(1)))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        run.errors += sum(int(g) for g in found.groups())
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        run.errors += int(found.group(1))
    return run


def aiotools_load(program, url, connections, seconds, rate, server_pid, warmup=1):
    """
    Our load generator at a constant rate, driven as the runner drives its load shards (`aiotools load --control`):
    it starts and says so, connects when told and says so, is warmed up for `warmup` seconds at the rate, then
    measured for `seconds`. The server's CPU is read around that measured window only: its accepts of the
    connections and the closes after are not in it (at 20k req/s for 5 s a server that pays 100 µs per connection would add 10 µs per request otherwise). p99 is
    the corrected latency, from each request's intended start.
    """
    command = ["taskset", "-c", CLIENT_CPU, program, "load", "--control", "-t", url, "-c", str(connections),
               "-R", str(rate), "--threads", "1"]
    timeout = client_timeout(seconds + warmup, connections)
    started = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timer, killed = _kill_after(process, timeout)
    try:
        lines = []
        ramp = json.loads(_connect(process, lines, killed))
        _control_command(process, f"measure {warmup}")
        _control_line(process, "sample ", lines, killed)
        cpu_before, window_started = cpu_micros(server_pid), time.monotonic()
        _control_command(process, f"measure {seconds}")
        sample = _control_line(process, "sample ", lines, killed)
        server_cpu, window = cpu_micros(server_pid) - cpu_before, time.monotonic() - window_started
        process.stdin.close()
        process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        timer.cancel()
        if process.returncode is None and process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if not stream.closed:
                stream.close()
    if killed.is_set():
        raise ClientHung(f"aiotools load did not finish within {timeout:.0f} s and was killed")
    run = ClientRun(output=sample, client_cpu_micros=round((usage.ru_utime + usage.ru_stime) * 1e6),
                    wall_seconds=time.monotonic() - started, server_cpu_micros=server_cpu, window_seconds=window)
    run = aiotools_load_run(run)
    run.errors += ramp["connectErrors"]
    return run


def _control_command(process, line):
    try:
        process.stdin.write(line + "\n")
        process.stdin.flush()
    except BrokenPipeError:
        pass  # It has ended: the next line it owes says so, with its message.


def _connect(process, lines, killed):
    """
    The generator's ramp line (its JSON): a build that starts, says `ready` and waits is told to `connect`; a build
    from before that word connects at once and prints its ramp first.
    """
    first = _first_line(process, lines, killed, "ramp")
    if first.strip() == "ready":
        _control_command(process, "connect")
        return _control_line(process, "ramp ", lines, killed)
    if first.startswith("ramp "):
        return first[len("ramp "):]
    raise RuntimeError(f"aiotools load said {first.strip()!r} where 'ready' or its ramp was due")


def _control_line(process, prefix, lines, killed):
    """The next line starting with `prefix` (interval lines before a sample are skipped); the JSON after it."""
    for line in process.stdout:
        if line.startswith(prefix):
            return line[len(prefix):]
        lines.append(line)
    _ended(process, lines, killed, prefix.strip())


def _first_line(process, lines, killed, owed):
    """The generator's first line; `owed` names what was due in the error when it ends first."""
    for line in process.stdout:
        return line
    _ended(process, lines, killed, owed)


def _ended(process, lines, killed, owed):
    if killed.is_set():
        raise ClientHung(f"aiotools load did not print its '{owed}' line in time and was killed")
    process.wait()
    errors = process.stderr.read().strip()
    raise RuntimeError(f"aiotools load exited ({process.returncode}) before its '{owed}' line: {errors[-300:] or ''.join(lines)[-300:]}")


def aiotools_load_run(run):
    """Fills a ClientRun from the sample line of `aiotools load --control` (a ClientMeasurement, as JSON)."""
    measurement = json.loads(run.output)
    run.requests = measurement["requests"]
    run.seconds = measurement["durationSeconds"]
    run.requests_per_second = measurement["requestsPerSecond"]
    # Corrected: from each request's intended start, so a stall counts for every request it held back.
    latency = measurement.get("correctedLatency") or measurement["latency"]
    run.p50_micros = latency["p50Micros"]
    run.p99_micros = latency["p99Micros"]
    run.errors = measurement["errors"]["total"]
    return run


def h2load(url, connections, seconds, pipeline):
    """h2load over HTTP/1.1 really pipelines: up to `pipeline` requests written before the first answer is read."""
    run = run_client(["h2load", "--h1", "-t1", f"-c{connections}", f"-m{pipeline}", f"-D{seconds}", url], client_timeout(seconds, connections))
    output = run.output
    found = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout", output)
    run.requests = int(found.group(4))
    run.errors = int(found.group(5)) + int(found.group(6)) + int(found.group(7))
    finished = re.search(r"finished in ([\d.]+)(us|ms|s|m), ([\d.]+) req/s", output)
    run.seconds = micros(finished.group(1) + finished.group(2)) / 1e6
    run.requests_per_second = float(finished.group(3))
    if codes := re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", output):
        run.errors += sum(int(g) for g in codes.groups()[1:])
    return run


def measure(server, client):
    """Runs `client()` against `server` and adds the server's CPU per request and what others used meanwhile."""
    server_before, (busy_before, census_before), ours_before = cpu_micros(server.pid), census_with_machine(), our_processes()
    steal_before, network_before = steal_micros(), network_counters()
    run = client()
    server_cpu, (busy_after, census_after) = cpu_micros(server.pid) - server_before, census_with_machine()
    others, steal = others_since(census_before, census_after, ours_before=ours_before), steal_micros() - steal_before
    uncharged = uncharged_since(busy_since(busy_before, busy_after), census_before, census_after)
    network = network_since(network_before)
    if server.process.poll() is not None:
        raise RuntimeError(f"{server.label} exited during the run")
    wall = max(run.wall_seconds, 1e-9)
    windowed = run.server_cpu_micros is not None
    server_cpu_measured = run.server_cpu_micros if windowed else server_cpu
    server_wall = max(run.window_seconds, 1e-9) if windowed else wall
    return {
        "requests": run.requests,
        "seconds": round(run.seconds, 3),
        "requestsPerSecond": round(run.requests_per_second),
        "serverCpuMicrosPerRequest": round(server_cpu_measured / max(1, run.requests), 3),
        "serverCpuPercent": round(server_cpu_measured / 1e4 / server_wall, 1),
        "p50Micros": run.p50_micros,
        "p99Micros": run.p99_micros,
        "errors": run.errors,
        "clientCpuPercent": round(run.client_cpu_micros / 1e4 / wall, 1),
        # What other processes used of the two CPUs meanwhile, in % of one CPU: this machine is shared.
        "otherCpuPercent": round(others / 1e4 / wall, 1),
        # What the machine spent that no process was charged for (uncharged_since), per request: the run's own
        # traffic's kernel work that is in neither the server's CPU per request nor the client's. Not for a client
        # that measures a window of its run: the readings bracket its ramp and warm-up too.
        "unchargedCpuMicrosPerRequest": None if windowed or uncharged is None else round(uncharged / max(1, run.requests), 3),
        # What the hypervisor took from the two CPUs meanwhile, in % of one CPU: the host is shared too.
        "stealPercent": round(steal / 1e4 / wall, 1),
        # Machine-wide over the run (NETWORK_COUNTERS): non-zero says the network stack hurt this run.
        **network,
    }


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def paired_ratio(numerator, denominator, key):
    """
    numerator ÷ denominator for `key`, trial by trial: the median of each trial's ratio of the two servers' runs, with
    the lowest and highest. In a trial the two ran minutes apart at most, while this host's speed drifts by a third
    and more between trials (the 100-connection C epoll run went 12.1 → 7.0 µs/req over five trials on 2026-12-05):
    a ratio of the two medians can set one server's fast trial against the other's slow one, and did (aiotools epoll
    ÷ C epoll at 10,000 connections, that run: 1.12 as a ratio of medians, 1.02 trial by trial, its five trials
    0.91–1.12). None when no trial has a figure of both.
    """
    by_trial = {r["trial"]: r[key] for r in denominator if r.get(key)}
    values = [r[key] / by_trial[r["trial"]] for r in numerator if r.get(key) is not None and r.get("trial") in by_trial]
    if not values:
        return None
    return {"value": median(values), "low": min(values), "high": max(values), "trials": len(values)}


def trial_ratio(numerator, denominator, key, of_medians):
    """
    What the tables judge a ratio by: the paired ratio of the two servers' runs (paired_ratio), or `of_medians` when
    no trial has a figure of both; and the fields a result records beside it (the ratio of medians, and the lowest
    and highest trial when there are pairs).
    """
    paired = paired_ratio(numerator, denominator, key)
    fields = {"ratioOfMedians": round(of_medians, 3)}
    if paired:
        fields |= {"trialLow": round(paired["low"], 3), "trialHigh": round(paired["high"], 3), "pairedTrials": paired["trials"]}
    return (paired["value"] if paired else of_medians), fields


def interleaved(servers, trials):
    """Trials 1..TRIALS, each over every server, the order rotated by one a trial: no server is always measured first
    (after the warm-up) or last (while the machine is busiest)."""
    for trial in range(1, trials + 1):
        turn = (trial - 1) % max(1, len(servers))
        yield trial, servers[turn:] + servers[:turn]


def result_header(kind, args, root, load_before):
    """What a table's result file starts with: when and on what it ran, how busy the machine was, how it measured."""
    return {
        "kind": kind,
        "startedAt": args.started.isoformat(),
        "commit": commit(root),
        "kernel": platform.release(),
        "loadAverageBefore": load_before,
        "loadAverageAfter": load_average(),
        "trials": args.trials,
        "secondsPerRun": args.seconds,
        "pinning": {"servers": SERVER_CPU, "clients": CLIENT_CPU},
    }


def commit(root):
    return subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def write_result(directory, stem, document, markdown):
    """Writes DIRECTORY/STEM.json and .md, prints the markdown and where both went."""
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, stem)
    with open(path + ".json", "w") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
    with open(path + ".md", "w") as f:
        f.write(markdown)
    print()
    print(markdown)
    print(f"result: {path}.md, {path}.json")

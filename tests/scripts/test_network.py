"""The peer scripts' network counters and preflight (benchmarks/scripts/peers.py): a run hurt by the stack is visible."""
import contextlib
import io
import os
import subprocess
import sys
import time
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import compare_with_peers  # noqa: E402
import file_with_peers  # noqa: E402
import peers  # noqa: E402

SOFTNET = """1bbed587 00008972 00000333 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
200fe438 00040890 00000412 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000001
"""

NETSTAT = """TcpExt: SyncookiesSent ListenOverflows TCPTimeouts TCPLossProbes
TcpExt: 1 7 13 21
IpExt: InNoRoutes TCPTimeouts
IpExt: 5 99
"""


class CounterTests(unittest.TestCase):
    def test_softnet_drops_sum_the_second_hex_column_over_cpus(self):
        self.assertEqual(peers.softnet_drops(SOFTNET), 0x8972 + 0x40890)

    def test_a_counter_is_read_from_its_own_group(self):
        self.assertEqual(peers.snmp_value(NETSTAT, "TcpExt", "TCPTimeouts"), 13)
        self.assertEqual(peers.snmp_value(NETSTAT, "TcpExt", "ListenOverflows"), 7)
        self.assertEqual(peers.snmp_value(NETSTAT, "TcpExt", "TCPLossProbes"), 21)

    def test_a_counter_this_kernel_lacks_reads_zero(self):
        self.assertEqual(peers.snmp_value(NETSTAT, "TcpExt", "TCPNoSuchCounter"), 0)

    def test_a_run_records_every_counter_as_a_difference(self):
        before = peers.network_counters()
        self.assertEqual(set(before), set(peers.NETWORK_COUNTERS))
        since = peers.network_since(before)
        self.assertEqual(set(since), set(peers.NETWORK_COUNTERS))
        self.assertTrue(all(value >= 0 for value in since.values()), since)


class PreflightTests(unittest.TestCase):
    def preflight(self, values, set_as_root, euid):
        written = {}
        with mock.patch.object(peers, "read_sysctl", side_effect=lambda name: values.get(name)), \
             mock.patch.object(peers, "write_sysctl", side_effect=lambda name, value: written.__setitem__(name, str(value))), \
             mock.patch.object(peers.os, "geteuid", return_value=euid):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                recorded, changed = peers.network_preflight(set_as_root)
        return recorded, changed, written, out.getvalue(), err.getvalue()

    def test_a_short_backlog_is_named_with_the_command_that_fixes_it(self):
        recorded, changed, written, _, err = self.preflight({"net.core.netdev_max_backlog": "1000", "net.core.somaxconn": "65535"}, False, 0)
        self.assertIn("sysctl -w net.core.netdev_max_backlog=65536", err)
        self.assertNotIn("somaxconn", err)
        self.assertEqual((changed, written), ({}, {}))
        self.assertEqual(recorded["net.core.netdev_max_backlog"], "1000")

    def test_as_root_when_asked_it_is_set_said_and_can_be_put_back(self):
        recorded, changed, written, out, _ = self.preflight({"net.core.netdev_max_backlog": "1000", "net.core.somaxconn": "65535"}, True, 0)
        self.assertEqual(written, {"net.core.netdev_max_backlog": "65536"})
        self.assertEqual(changed, {"net.core.netdev_max_backlog": "1000"})
        self.assertEqual(recorded["net.core.netdev_max_backlog"], "65536")
        self.assertIn("set net.core.netdev_max_backlog = 65536 (was 1000", out)

    def test_a_listen_queue_shorter_than_the_largest_row_is_named(self):
        _, _, _, _, err = self.preflight({"net.core.netdev_max_backlog": "65536", "net.core.somaxconn": "4096"}, False, 0)
        self.assertIn("sysctl -w net.core.somaxconn=65535", err)
        self.assertNotIn("netdev_max_backlog", err)

    def test_not_root_it_only_advises(self):
        _, changed, written, _, err = self.preflight({"net.core.netdev_max_backlog": "1000", "net.core.somaxconn": "65535"}, True, 1000)
        self.assertEqual((changed, written), ({}, {}))
        self.assertIn("sysctl -w net.core.netdev_max_backlog=65536", err)

    def test_steal_is_the_hypervisors_not_other_processes(self):
        # user nice system idle iowait irq softirq steal guest guest_nice, in ticks
        ticks = [100, 0, 50, 1000, 10, 0, 20, 30, 0, 0]
        original = peers._machine_cpu
        peers._machine_cpu = lambda: ticks
        try:
            self.assertEqual(peers.steal_micros(), 30 * 1_000_000 // peers.TICKS)
        finally:
            peers._machine_cpu = original

    def test_busy_time_is_wall_time_on_every_cpu_less_idle_iowait_and_steal(self):
        tick = 1_000_000 // peers.TICKS
        # (time, idle + iowait + steal in µs, CPUs online)
        self.assertEqual(peers.busy_since((10.0, 500 * tick, 2), (11.0, 570 * tick, 2)), 2_000_000 - 70 * tick)

    def test_a_busy_reading_counts_the_cpus_and_their_idle_and_stolen_time(self):
        now, idle, cpus = peers.busy_reading()
        self.assertEqual(cpus, os.cpu_count())
        self.assertGreater(idle, 0)
        self.assertLessEqual(abs(now - time.monotonic()), 1)

    def test_a_census_carries_the_machine_reading_of_its_middle(self):
        first = peers.busy_reading()
        (when, _, cpus), census = peers.census_with_machine()
        last = peers.busy_reading()
        self.assertTrue(first[0] <= when <= last[0])
        self.assertEqual(cpus, last[2])
        self.assertIn(os.getpid(), {pid for pid, _ in census})
        self.assertTrue(census.kernel_threads, "this machine's kernel threads are visible (no PID namespace)")

    def test_uncharged_is_busy_time_no_process_in_the_census_was_charged(self):
        tick = 1_000_000 // peers.TICKS
        before = {(10, 5): 200 * tick, (20, 7): 50 * tick}
        # 20 ended and its parent 10 waited for it: its 60 ticks in all are in 10's cutime; 30 is new.
        after = {(10, 5): 460 * tick, (30, 9): 15 * tick}
        # Busy 300 ticks; processes 225 more (460 + 15 - 200 - 50): 75 ticks were nobody's.
        self.assertEqual(peers.uncharged_since(300 * tick, before, after), 75 * tick)
        # Tick sampling can put the processes a little ahead of the machine: none, not a negative figure.
        self.assertEqual(peers.uncharged_since(200 * tick, before, after), 0)
        self.assertIsNone(peers.uncharged_since(None, before, after))

    def test_a_kernel_thread_that_ended_leaves_only_its_time_in_the_window(self):
        tick = 1_000_000 // peers.TICKS
        before = peers.Census()
        before.update({(10, 5): 200 * tick, (40, 1): 5000 * tick})  # a kernel worker with a long life, reaped unwaited
        before.kernel_threads.add((40, 1))
        after = {(10, 5): 300 * tick}
        self.assertEqual(peers.uncharged_since(300 * tick, before, after), 200 * tick)

    def test_busy_time_needs_the_same_cpus_online_at_both_ends(self):
        self.assertIsNone(peers.busy_since((10.0, 0, 2), (11.0, 0, 3)))
        self.assertIsNone(peers.busy_since(None, (11.0, 0, 3)))

    def test_others_are_processes_outside_ours_new_ones_from_nothing(self):
        tick = 1_000_000 // peers.TICKS
        before = {(10, 5): 200 * tick, (20, 7): 50 * tick, (30, 9): 2 * tick}
        after = {(10, 5): 700 * tick, (20, 7): 80 * tick, (30, 50): 5 * tick, (40, 60): 2 * tick}
        self.assertEqual(peers.others_since(before, after, {10}), 37 * tick)
        self.assertEqual(peers.others_since(before, after, set()), 537 * tick)
        self.assertEqual(peers.others_since(before, after, set(), ours_before={10}), 37 * tick)

    def test_a_child_that_works_is_ours(self):
        child = subprocess.Popen(["sh", "-c", "while :; do :; done"])
        try:
            before = peers.cpu_census()
            start = peers.cpu_micros(child.pid)
            deadline = time.monotonic() + 20
            while peers.cpu_micros(child.pid) - start < 50_000 and time.monotonic() < deadline:
                time.sleep(0.05)
            after, ours = peers.cpu_census(), peers.our_processes()
            self.assertIn(child.pid, ours)
            self.assertGreaterEqual(peers.others_since(before, after, set()) - peers.others_since(before, after, ours), 50_000)
        finally:
            child.kill()
            child.wait()

    def test_the_census_leaves_out_the_softirq_threads_only(self):
        comms = {int(p): _comm(p) for p in os.listdir("/proc") if p.isdigit()}
        softirq = {pid for pid, comm in comms.items() if comm.startswith("ksoftirqd/")}
        kthreadd = {pid for pid, comm in comms.items() if comm == "kthreadd\n"}
        pids = {pid for pid, _ in peers.cpu_census()}
        self.assertTrue(softirq and kthreadd, "this machine's kernel threads are visible (no PID namespace)")
        self.assertFalse(pids & softirq)
        self.assertTrue(kthreadd <= pids)  # another kernel thread, still counted
        self.assertIn(os.getpid(), pids)

    def test_loopbacks_rps_mask_is_a_device_setting(self):
        self.assertEqual(peers.setting_path("lo.rps_cpus"), "/sys/class/net/lo/queues/rx-0/rps_cpus")
        self.assertEqual(peers.setting_path("net.core.netdev_max_backlog"), "/proc/sys/net/core/netdev_max_backlog")


class CongestionControlTests(unittest.TestCase):
    MACHINE = {"net.ipv4.tcp_congestion_control": "bbr", "net.ipv4.tcp_available_congestion_control": "reno bbr cubic"}

    def choose(self, wanted, set_as_root=True, euid=0):
        written = {}
        with mock.patch.object(peers, "read_sysctl", side_effect=lambda name: self.MACHINE.get(name)), \
             mock.patch.object(peers, "write_sysctl", side_effect=lambda name, value: written.__setitem__(name, str(value))), \
             mock.patch.object(peers.os, "geteuid", return_value=euid):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                changed = peers.use_congestion_control(wanted, set_as_root)
        return changed, written, out.getvalue(), err.getvalue()

    def test_as_root_it_is_set_said_and_can_be_put_back(self):
        changed, written, out, _ = self.choose("cubic")
        self.assertEqual(written, {"net.ipv4.tcp_congestion_control": "cubic"})
        self.assertEqual(changed, {"net.ipv4.tcp_congestion_control": "bbr"})
        self.assertIn("set net.ipv4.tcp_congestion_control = cubic (was bbr)", out)

    def test_keep_and_the_machines_own_change_nothing(self):
        for wanted in ("keep", None, "bbr"):
            self.assertEqual(self.choose(wanted)[:2], ({}, {}), wanted)

    def test_one_the_kernel_lacks_is_refused_naming_what_it_offers(self):
        with self.assertRaisesRegex(ValueError, r"'vegas' is not available here \(this kernel offers: reno, bbr, cubic\)"):
            self.choose("vegas")

    def test_not_root_it_says_what_the_table_runs_under(self):
        changed, written, _, err = self.choose("cubic", euid=1000)
        self.assertEqual((changed, written), ({}, {}))
        self.assertIn("the table runs under bbr", err)
        self.assertIn("sysctl -w net.ipv4.tcp_congestion_control=cubic", err)


def run(**network):
    return {"mibPerSecond": 100.0, "cpuMicrosPerMib": 50.0, "otherCpuPercent": 1.0, "errors": 0, **network}


class TableTests(unittest.TestCase):
    def test_the_file_table_shows_a_hurt_run_and_the_sysctls(self):
        hurt = {key: 0 for key in peers.NETWORK_COUNTERS} | {"softnetDrops": 12, "retransmittedSegments": 30, "tcpTimeouts": 2, "stealPercent": 7.0}
        quiet = {key: 0 for key in peers.NETWORK_COUNTERS} | {"stealPercent": 0.5}
        summary = file_with_peers.summarize({"c-sendfile": [run(**hurt), run(**quiet), run(**quiet)]})
        self.assertEqual((summary["c-sendfile"]["softnetDrops"], summary["c-sendfile"]["tcpTimeouts"]), (12, 2))
        document = {"fileBytes": 64 << 20, "connections": 4, "trials": 3, "secondsPerRun": 5, "startedAt": "2026-12-03T19:00:00",
                    "commit": "abc", "kernel": "6.18", "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1 0.1 0.1",
                    "loadAverageAfter": "0.1 0.1 0.1", "servers": {"c-sendfile": "C sendfile"}, "medians": summary, "ratios": [],
                    "sysctls": {"net.core.netdev_max_backlog": "65536"}}
        text = file_with_peers.render(document)
        self.assertIn("| C sendfile | 100 | 50 | 0% | 0% | 12 | 30 | 2 | 1% | 7% | 0 |", text)
        self.assertIn("net.core.netdev_max_backlog = 65536", text)

    def test_p99_is_compared_with_the_closed_loops_own_mean(self):
        # 10,000 connections at 80,000 req/s wait 125 ms on average whatever the server does.
        self.assertAlmostEqual(compare_with_peers.closed_loop_mean_micros(10_000, 80_000), 125_000)
        runs = [{"serverCpuMicrosPerRequest": 10.0, "p99Micros": 250_000.0, "requestsPerSecond": 80_000, "errors": 0,
                 "otherCpuPercent": 0.0, **{key: 1 for key in peers.NETWORK_COUNTERS}}]
        summary = compare_with_peers.summarize({"c10000": {"epoll": runs}})["c10000"]["epoll"]
        self.assertEqual(summary["p99OverClosedLoopMean"], 2.0)
        self.assertEqual(summary["listenOverflows"], 1)

    def test_the_peer_tables_network_section_names_every_counter_it_prints(self):
        runs = [{"serverCpuMicrosPerRequest": 10.0, "p99Micros": 2_000.0, "requestsPerSecond": 100_000, "errors": 0,
                 "otherCpuPercent": 0.0, "tieringMicros": 0, **{key: i + 1 for i, key in enumerate(peers.NETWORK_COUNTERS)}}]
        summary = compare_with_peers.summarize({"c100": {"epoll": runs}})
        document = {"trials": 1, "secondsPerRun": 4, "startedAt": "2026-12-03T23:30:33", "commit": "abc", "kernel": "6.18",
                    "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1", "loadAverageAfter": "0.1",
                    "servers": {"epoll": "aiotools epoll"}, "medians": summary, "ratios": [], "clients": {"c100": "wrk -t1 -c100"}}
        lines = compare_with_peers.render(document).splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("| workload | softnet drops"))
        self.assertEqual(lines[header].count("|"), lines[header + 1].count("|"))
        self.assertEqual(lines[header].count("|"), lines[header + 2].count("|"))
        self.assertEqual(lines[header + 2], "| 100 conns | 1 | 2 | 3 | 4 | 5 | 6 | 7 |")
        self.assertEqual(len(peers.NETWORK_LABELS), len(peers.NETWORK_COUNTERS))


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read()
    except OSError:
        return ""


if __name__ == "__main__":
    unittest.main()

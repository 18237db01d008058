"""The peer table (benchmarks/scripts/compare_with_peers.py): which ratios are marked as held to different rates; the
constant-rate row."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import compare_with_peers as table  # noqa: E402


def server(cpu, rate, busy):
    return {"cpuMicrosPerRequest": cpu, "p99Micros": 1000.0, "requestsPerSecond": rate, "serverCpuPercent": busy}


class RatioTests(unittest.TestCase):
    def ratio(self, summary, label, row):
        return next(r for r in table.ratios(summary) if r["ratio"] == label and r["row"] == row)

    def test_a_slower_server_with_cpu_to_spare_was_held_by_the_client_and_is_marked(self):
        # 17:56 on 2026-12-04, 10,000 connections: wrk -t1 at 99% CPU, both servers near half a core.
        summary = {"c10000": {"io_uring": server(13.26, 37_801, 49.0), "c-io_uring": server(10.00, 54_911, 53.0)}}

        r = self.ratio(summary, "aiotools io_uring ÷ C io_uring, CPU/req", "c10000")

        self.assertEqual(1.326, r["value"])
        self.assertFalse(r["met"])
        self.assertTrue(r["heldApartByClient"])
        self.assertEqual("1.33 ✗ †", table.ratio_cell(r))

    def test_a_saturated_slower_server_set_its_own_rate_and_is_not_marked(self):
        # nginx pipelined: a tenth of the rate because it costs ten times as much, at a full core.
        summary = {"p16": {"epoll": server(0.73, 594_768, 43.0), "nginx": server(10.91, 89_417, 97.5)}}

        r = self.ratio(summary, "aiotools epoll ÷ nginx, CPU/req", "p16")

        self.assertFalse(r["heldApartByClient"])
        self.assertEqual("0.07 ✓", table.ratio_cell(r))

    def test_servers_at_close_rates_are_not_marked(self):
        summary = {"c100": {"io_uring": server(8.64, 76_279, 68.0), "c-io_uring": server(9.02, 75_396, 64.0)}}

        r = self.ratio(summary, "aiotools io_uring ÷ C io_uring, CPU/req", "c100")

        self.assertFalse(r["heldApartByClient"])
        self.assertEqual("0.96 ✓", table.ratio_cell(r))

    def test_the_limit_is_15_percent_of_the_larger_rate(self):
        fast = server(10.0, 100_000, 50.0)
        self.assertFalse(table.held_apart_by_client(server(10.0, 85_000, 50.0), fast))
        self.assertTrue(table.held_apart_by_client(server(10.0, 84_000, 50.0), fast))
        self.assertTrue(table.held_apart_by_client(fast, server(10.0, 84_000, 50.0)))

    def test_a_server_without_a_cpu_reading_is_not_marked(self):
        slow = {"requestsPerSecond": 50_000}
        self.assertFalse(table.held_apart_by_client(slow, server(10.0, 100_000, 50.0)))

    def test_a_ratio_not_measured_is_a_dash(self):
        self.assertEqual("—", table.ratio_cell(None))


class TrialByTrialTests(unittest.TestCase):
    # 2026-12-05 08:03, 10,000 connections, five interleaved trials: the host sped up from trial to trial.
    EPOLL = [14.902, 13.3, 15.905, 11.4, 11.684]
    C_EPOLL = [16.378, 11.888, 15.7, 11.1, 11.082]

    def summary_and_runs(self):
        runs = {"c10000": {"epoll": trials(self.EPOLL), "c-epoll": trials(self.C_EPOLL)}}
        return table.summarize(runs), runs

    def test_a_ratio_is_the_median_of_the_per_trial_ratios(self):
        summary, runs = self.summary_and_runs()

        r = next(r for r in table.ratios(summary, runs) if r["ratio"] == "aiotools epoll ÷ C epoll, CPU/req")

        # Per trial 0.910, 1.119, 1.013, 1.027, 1.054: median 1.027, met; the two medians' ratio, 13.3 ÷ 11.888, is not.
        self.assertEqual(1.027, r["value"])
        self.assertTrue(r["met"])
        self.assertEqual(1.119, r["ratioOfMedians"])
        self.assertEqual((0.91, 1.119, 5), (r["trialLow"], r["trialHigh"], r["pairedTrials"]))
        self.assertEqual("1.03 ✓ (0.91–1.12)", table.ratio_cell(r))

    def test_runs_are_paired_by_trial_and_a_trial_one_side_lacks_is_left_out(self):
        numerator = [{"trial": 3, "cpu": 9.0}, {"trial": 1, "cpu": 10.0}, {"trial": 2, "cpu": 30.0}]
        denominator = [{"trial": 1, "cpu": 20.0}, {"trial": 3, "cpu": 10.0}]

        paired = table.peers.paired_ratio(numerator, denominator, "cpu")

        self.assertEqual({"value": 0.7, "low": 0.5, "high": 0.9, "trials": 2}, paired)

    def test_without_a_trial_in_common_there_is_no_paired_ratio(self):
        self.assertIsNone(table.peers.paired_ratio([{"trial": 1, "cpu": 1.0}], [{"trial": 2, "cpu": 1.0}], "cpu"))
        self.assertIsNone(table.peers.paired_ratio([{"trial": 1, "cpu": 1.0}], [{"trial": 1, "cpu": 0.0}], "cpu"))

    def test_without_runs_a_ratio_is_that_of_the_medians_and_shows_no_range(self):
        summary, _ = self.summary_and_runs()

        r = next(r for r in table.ratios(summary) if r["ratio"] == "aiotools epoll ÷ C epoll, CPU/req")

        self.assertEqual(1.119, r["value"])
        self.assertNotIn("pairedTrials", r)
        self.assertEqual("1.12 ✗", table.ratio_cell(r))

    def test_the_table_says_how_its_ratios_were_taken(self):
        summary, runs = self.summary_and_runs()
        document = {"trials": 5, "secondsPerRun": 5, "startedAt": "2026-12-05T08:03:16", "commit": "9ee1b94", "kernel": "6.18",
                    "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1", "loadAverageAfter": "0.1",
                    "clients": {}, "sysctls": {}, "constantRate": 20_000, "servers": {"epoll": "aiotools epoll", "c-epoll": "C epoll"},
                    "medians": summary, "ratios": table.ratios(summary, runs)}

        text = table.render(document)

        self.assertIn("Each ratio is the median of its per-trial ratios", text)
        self.assertIn("| aiotools epoll ÷ C epoll, CPU/req | 1.03 ✓ (0.91–1.12) | ≤ 1.05 |", text)

    def test_c_epoll_against_nginx_is_shown_as_the_floor_without_a_target(self):
        runs = {"c100": {"c-epoll": trials([8.0, 9.0]), "nginx": trials([10.0, 10.0])}}

        r = next(r for r in table.ratios(table.summarize(runs), runs) if r["ratio"] == "C epoll ÷ nginx, CPU/req")

        self.assertEqual(0.85, r["value"])
        self.assertIsNone(r["met"])
        self.assertEqual("0.85 (0.80–0.90)", table.ratio_cell(r))


class ConstantRateRowTests(unittest.TestCase):
    def test_the_constant_rate_row_runs_our_generator_at_the_rate(self):
        row = next(r for r in table.ROWS if r[0] == "c10000r")

        self.assertEqual(("rate", 10000), (row[2], row[3]))
        self.assertIn(f"-R{table.RATE}", table.describe_client(row))

    def test_a_constant_rate_row_has_no_closed_loop_mean(self):
        runs = {"c10000r": {"epoll": [run(11.0, 25_000)]}, "c10000": {"epoll": [run(11.0, 50_000)]}}

        summary = table.summarize(runs)

        self.assertIsNone(summary["c10000r"]["epoll"]["closedLoopMeanMicros"])
        self.assertIsNone(summary["c10000r"]["epoll"]["p99OverClosedLoopMean"])
        # Little's law for the closed loop: 10,000 connections ÷ 50,000 req/s = 200 ms.
        self.assertEqual(200_000.0, summary["c10000"]["epoll"]["closedLoopMeanMicros"])

    def test_the_constant_rate_row_is_judged_by_the_plain_targets(self):
        summary = {"c10000r": {"epoll": server(11.0, 25_000, 30.0), "c-epoll": server(10.0, 25_000, 28.0)}}

        r = next(r for r in table.ratios(summary) if r["ratio"] == "aiotools epoll ÷ C epoll, CPU/req")

        self.assertEqual(1.05, r["target"])
        self.assertFalse(r["met"])
        self.assertFalse(r["heldApartByClient"])

    def test_a_server_using_its_whole_core_at_the_rate_is_saturated(self):
        # Kestrel at 20k req/s with 10,000 connections, 2026-12-04: 92% of its core.
        self.assertTrue(table.saturated_at_rate(server(48.69, 20_006, 92.1), 20_000))

    def test_a_server_that_fell_behind_and_caught_up_is_saturated(self):
        self.assertTrue(table.saturated_at_rate(server(44.0, 21_100, 85.0), 20_000))
        self.assertTrue(table.saturated_at_rate(server(44.0, 18_900, 85.0), 20_000))

    def test_a_server_keeping_the_rate_with_cpu_to_spare_is_not(self):
        self.assertFalse(table.saturated_at_rate(server(16.07, 19_991, 30.8), 20_000))
        self.assertFalse(table.saturated_at_rate(server(16.07, 20_990, 30.8), 20_000))

    def test_the_table_marks_a_saturated_server_in_the_constant_rate_row_only(self):
        document = {
            "trials": 5, "secondsPerRun": 5, "startedAt": "2026-12-04T20:03:17", "commit": "3f40597", "kernel": "6.18",
            "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1", "loadAverageAfter": "0.1",
            "clients": {}, "sysctls": {}, "constantRate": 20_000, "servers": {"kestrel": "Kestrel", "epoll": "aiotools epoll"},
            "medians": {
                "c10000": {name: {**summary, "p99Micros": 1000.0, "errors": 0, "cpuSpread": 0.1, "otherCpuPercent": 0.0,
                                  "p99OverClosedLoopMean": None} for name, summary in
                           (("kestrel", server(31.54, 30_891, 95.8)), ("epoll", server(14.16, 54_610, 63.5)))},
                "c10000r": {name: {**summary, "p99Micros": 1000.0, "errors": 0, "cpuSpread": 0.1, "otherCpuPercent": 0.0,
                                   "p99OverClosedLoopMean": None} for name, summary in
                            (("kestrel", server(48.69, 20_006, 92.1)), ("epoll", server(16.07, 19_991, 30.8)))},
            },
            "ratios": [],
        }

        lines = table.render(document).splitlines()

        rate_row = next(l for l in lines if l.startswith("| 10,000 conns, constant rate |"))
        wrk_row = next(l for l in lines if l.startswith("| 10,000 conns |"))
        self.assertIn("48.69 · 1.00 ms (saturated)", rate_row)
        self.assertNotIn("16.07 · 1.00 ms (saturated)", rate_row)
        self.assertNotIn("(saturated)", wrk_row)
        self.assertTrue(any(l.startswith("(saturated): at the constant rate") for l in lines))


class UnchargedTests(unittest.TestCase):
    def test_the_table_shows_the_cpu_no_process_was_charged_for_per_server(self):
        runs = {"c100": {"epoll": [{**t, "unchargedCpuMicrosPerRequest": u} for t, u in zip(trials([9.0] * 3), (1.5, 0.5, 1.0))],
                         "nginx": [{**t, "unchargedCpuMicrosPerRequest": 2.25} for t in trials([11.0])]},
                # A client measuring a window of its run has no reading.
                "c10000r": {"epoll": [{**t, "unchargedCpuMicrosPerRequest": None} for t in trials([16.0], 20_000)],
                            "nginx": [{**t, "unchargedCpuMicrosPerRequest": None} for t in trials([17.0], 20_000)]}}
        summary = table.summarize(runs)
        document = {"trials": 3, "secondsPerRun": 5, "startedAt": "2026-12-06T04:03:16", "commit": "35a66bd", "kernel": "6.18",
                    "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1", "loadAverageAfter": "0.1",
                    "clients": {}, "sysctls": {}, "constantRate": 20_000, "servers": {"nginx": "nginx", "epoll": "aiotools epoll"},
                    "medians": summary, "ratios": table.ratios(summary, runs)}

        lines = table.render(document).splitlines()

        self.assertEqual(1.0, summary["c100"]["epoll"]["unchargedCpuMicrosPerRequest"])
        self.assertIsNone(summary["c10000r"]["epoll"]["unchargedCpuMicrosPerRequest"])
        start = next(i for i, l in enumerate(lines) if l.startswith("CPU µs per request that no process was charged for"))
        section = lines[start:start + 6]
        self.assertIn("| 100 conns | 2.25 | 1.00 |", section)
        self.assertIn("| 10,000 conns, constant rate | — | — |", section)

    def test_without_readings_the_table_has_no_such_section(self):
        runs = {"c100": {"epoll": trials([9.0])}}
        summary = table.summarize(runs)
        document = {"trials": 1, "secondsPerRun": 5, "startedAt": "2026-12-06T04:03:16", "commit": "35a66bd", "kernel": "6.18",
                    "pinning": {"servers": "0", "clients": "1"}, "loadAverageBefore": "0.1", "loadAverageAfter": "0.1",
                    "clients": {}, "sysctls": {}, "constantRate": 20_000, "servers": {"epoll": "aiotools epoll"},
                    "medians": summary, "ratios": []}

        self.assertNotIn("no process was charged for", table.render(document))


def trials(cpus, rate=50_000):
    return [{**run(cpu, rate), "trial": i + 1} for i, cpu in enumerate(cpus)]


def run(cpu, rate):
    return {"serverCpuMicrosPerRequest": cpu, "requestsPerSecond": rate, "p99Micros": 2000.0, "errors": 0,
            "otherCpuPercent": 0.0, "serverCpuPercent": 30.0}


if __name__ == "__main__":
    unittest.main()

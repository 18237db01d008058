"""The load-generator calibration's judgement against wrk (benchmarks/scripts/calibrate_load.py)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import calibrate_load  # noqa: E402


def client(rate, cpu):
    return {"requestsPerSecond": rate, "clientCpuMicrosPerRequest": cpu}


class JudgeThroughputTests(unittest.TestCase):
    def test_more_requests_a_second_passes_whatever_it_costs(self):
        judged = calibrate_load.judge_throughput(client(114_863, 9.0), client(50_850, 8.64))
        self.assertFalse(judged["sameBound"])
        self.assertTrue(judged["passed"])
        self.assertEqual(judged["ratio"], 2.259)

    def test_fewer_requests_a_second_fails_however_cheap(self):
        judged = calibrate_load.judge_throughput(client(40_000, 5.0), client(49_103, 10.14))
        self.assertFalse(judged["sameBound"])
        self.assertFalse(judged["passed"])

    def test_the_same_rate_is_judged_by_cpu_per_request(self):
        # The lead's quiet run at 1,000 connections: nginx held both back at ~49,000/s.
        cheaper = calibrate_load.judge_throughput(client(48_505, 9.23), client(49_103, 10.14))
        self.assertTrue(cheaper["sameBound"])
        self.assertTrue(cheaper["passed"])
        self.assertEqual(cheaper["cpuRatio"], 0.91)

        dearer = calibrate_load.judge_throughput(client(49_500, 10.5), client(49_103, 10.14))
        self.assertTrue(dearer["sameBound"])
        self.assertFalse(dearer["passed"])


class ChecksTests(unittest.TestCase):
    def test_each_throughput_row_names_the_measure_it_was_judged_by(self):
        same = {"connections": 1000, "ours": client(48_505, 9.23), "wrk": client(49_103, 10.14)}
        apart = {"connections": 100, "ours": client(114_863, 7.03), "wrk": client(50_850, 8.64)}
        for row in (same, apart):
            row.update(calibrate_load.judge_throughput(row["ours"], row["wrk"]))
        rows = calibrate_load.checks({"delay": [], "stall": None, "throughput": [apart, same]})
        self.assertEqual([target for _, target, _, _ in rows], ["req/s ours ÷ wrk ≥ 1.00", "client CPU/req ours ÷ wrk ≤ 1.00"])
        self.assertIn("the same bound held both back", rows[1][0])
        self.assertEqual([ok for *_, ok in rows], [True, True])


if __name__ == "__main__":
    unittest.main()

"""The file table (benchmarks/scripts/file_with_peers.py): its ratios are taken trial by trial."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import file_with_peers as table  # noqa: E402


def trials(figures):
    return [{"trial": i + 1, "mibPerSecond": mib, "cpuMicrosPerMib": cpu, "otherCpuPercent": 0.0, "errors": 0}
            for i, (mib, cpu) in enumerate(figures)]


class FileRatioTests(unittest.TestCase):
    # 2026-12-05 04:03, the C anchor over five interleaved trials: the host's bandwidth moved 3× between trials.
    RUNS = {
        "c-sendfile": trials([(11081.6, 88.7), (6820.7, 145.5), (20160.3, 49.1), (8314.1, 119.2), (6625.6, 150.0)]),
        "c-readwrite": trials([(5596.6, 178.1), (4225.6, 236.4), (6328.8, 158.2), (3834.9, 262.0), (4964.6, 202.0)]),
    }

    def ratio(self, runs, label):
        return next(r for r in table.ratios(table.summarize(self.RUNS), runs) if r["ratio"] == label)

    def test_sendfile_against_read_write_is_the_median_of_the_per_trial_ratios(self):
        r = self.ratio(self.RUNS, "C: sendfile ÷ read/write, MiB/s")

        # Per trial 1.98, 1.61, 3.19, 2.17, 1.33 (rounded): median 1.98; the medians' ratio, 8,314 ÷ 4,965, is 1.67.
        self.assertEqual(1.98, r["value"])
        self.assertFalse(r["met"])
        self.assertEqual(1.675, r["ratioOfMedians"])
        self.assertEqual((1.335, 3.185, 5), (r["trialLow"], r["trialHigh"], r["pairedTrials"]))

    def test_a_lower_is_better_ratio_is_judged_against_its_ceiling(self):
        r = self.ratio(self.RUNS, "C: sendfile ÷ read/write, CPU/MiB")

        self.assertEqual("≤ 0.5", r["target"])
        self.assertEqual(0.498, r["value"])
        self.assertTrue(r["met"])

    def test_the_table_shows_each_ratios_lowest_and_highest_trial(self):
        document = {"fileBytes": 64 << 20, "connections": 4, "trials": 5, "secondsPerRun": 5, "startedAt": "2026-12-05T04:03:52",
                    "commit": "99cd426", "kernel": "6.18", "pinning": {"servers": "0", "clients": "1"},
                    "loadAverageBefore": "0.1", "loadAverageAfter": "0.1", "sysctls": {},
                    "servers": {"c-readwrite": "C read/write", "c-sendfile": "C sendfile"},
                    "medians": {}, "ratios": table.ratios(table.summarize(self.RUNS), self.RUNS)}

        text = table.render(document)

        self.assertIn("| ratio | value | lowest–highest trial | target |", text)
        self.assertIn("| C: sendfile ÷ read/write, MiB/s | 1.98 ✗ | 1.33–3.19 | ≥ 2.0 |", text)


if __name__ == "__main__":
    unittest.main()

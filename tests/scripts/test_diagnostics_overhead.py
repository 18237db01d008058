"""The statistics of benchmarks/scripts/diagnostics_overhead.py: the confidence interval of a median cost."""
import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import diagnostics_overhead  # noqa: E402


class MedianIntervalTests(unittest.TestCase):
    def test_eight_values_give_the_second_smallest_and_second_largest_at_93_percent(self):
        low, high, level = diagnostics_overhead.median_interval([0.05, -0.01, 0.02, 0.03, 0.00, 0.04, 0.01, 0.06])
        self.assertEqual((low, high), (0.00, 0.05))
        self.assertAlmostEqual(level, 1 - 2 * 9 / 256)

    def test_the_interval_holds_the_median_and_narrows_with_more_values(self):
        few = diagnostics_overhead.median_interval(list(range(8)))
        many = diagnostics_overhead.median_interval(list(range(40)))
        self.assertLessEqual(few[0], 3.5)
        self.assertGreaterEqual(few[1], 3.5)
        self.assertGreater(many[0] / 39, few[0] / 7)
        self.assertGreaterEqual(many[2], 0.90)

    def test_too_few_values_for_the_level_give_the_range_and_say_its_lower_level(self):
        low, high, level = diagnostics_overhead.median_interval([3, 1, 2])
        self.assertEqual((low, high), (1, 3))
        self.assertAlmostEqual(level, 0.75)

    def test_a_cost_is_printed_with_its_interval(self):
        self.assertEqual(diagnostics_overhead.spread([0.01, 0.02, 0.03, 0.04, 0.05]), " +3.0% [+1.0%..+5.0%]")


if __name__ == "__main__":
    unittest.main()

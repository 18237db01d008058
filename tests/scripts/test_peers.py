"""Behaviour of the peer scripts' client runner (benchmarks/scripts/peers.py): a hung client cannot hold a table."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
import peers  # noqa: E402


class RunClientTests(unittest.TestCase):
    def test_a_finished_client_gives_its_output(self):
        run = peers.run_client(["echo", "42 requests"], timeout=60)
        self.assertEqual(run.output.strip(), "42 requests")

    def test_a_failing_client_names_its_exit_code(self):
        with self.assertRaisesRegex(RuntimeError, r"sh failed \(3\)"):
            peers.run_client(["sh", "-c", "echo broken; exit 3"], timeout=60)

    def test_a_hung_client_is_killed_and_said_to_have_hung(self):
        started = time.monotonic()
        with self.assertRaisesRegex(peers.ClientHung, r"sleep did not finish within 1 s and was killed"):
            peers.run_client(["sleep", "600"], timeout=1)
        # Killed, not waited for: far below the 600 s it asked for.
        self.assertLess(time.monotonic() - started, 300)

    def test_a_hang_is_a_runtime_error_so_older_callers_still_stop(self):
        self.assertTrue(issubclass(peers.ClientHung, RuntimeError))


if __name__ == "__main__":
    unittest.main()

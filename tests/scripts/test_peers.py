"""Behaviour of the peer scripts' clients (benchmarks/scripts/peers.py): a hung client cannot hold a table; our load
generator's JSON gives the figures the table needs."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

SCRIPTS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "scripts"))
sys.path.insert(0, SCRIPTS)
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


def sample_line(requests, errors=0, corrected=True):
    """The `sample` line of `aiotools load --control` (a ClientMeasurement), cut to what the peer scripts read."""
    measurement = {
        "durationSeconds": 5.0047, "requests": requests, "requestsPerSecond": requests / 5.0047,
        "latency": {"p50Micros": 30.9, "p99Micros": 14319.6},
        "errors": {"connect": 0, "read": errors, "write": 0, "timeout": 0, "status": 0, "badResponse": 0, "total": errors},
    }
    if corrected:
        measurement["correctedLatency"] = {"p50Micros": 32.1, "p99Micros": 28639.2}
    return json.dumps(measurement)


# A stand-in for `aiotools load --control`: the line protocol of LoadControl, and a log of the commands it was given.
FAKE_LOAD = """#!/usr/bin/env python3
import sys
log = open(sys.argv[1], "w")
if "--fail" in sys.argv:
    print("cannot connect to the target", file=sys.stderr)
    sys.exit(4)
SAYS_READY = True
if SAYS_READY:
    print("ready", flush=True)
    told = sys.stdin.readline()
    log.write(told)
    log.flush()
    if told.strip() != "connect":
        sys.exit(0)
print('ramp {"requested": 10000, "connected": 9998, "connectErrors": 2}', flush=True)
for line in sys.stdin:
    log.write(line)
    log.flush()
    seconds = float(line.split()[1])
    print('interval {"start": 0}', flush=True)
    print('sample ' + SAMPLE.replace("REQUESTS", str(int(seconds * 25000))), flush=True)
log.write("closed\\n")
"""


class AiotoolsLoadRunTests(unittest.TestCase):
    def test_the_figures_are_those_of_the_sample(self):
        run = peers.aiotools_load_run(peers.ClientRun(output=sample_line(125_205)))

        self.assertEqual(125_205, run.requests)
        self.assertAlmostEqual(5.0047, run.seconds)
        self.assertAlmostEqual(25_017, run.requests_per_second, delta=1)

    def test_p99_is_the_corrected_latency(self):
        run = peers.aiotools_load_run(peers.ClientRun(output=sample_line(125_205)))

        self.assertEqual(28639.2, run.p99_micros)
        self.assertEqual(32.1, run.p50_micros)

    def test_a_closed_loop_sample_has_only_the_measured_latency(self):
        run = peers.aiotools_load_run(peers.ClientRun(output=sample_line(1000, corrected=False)))

        self.assertEqual(14319.6, run.p99_micros)


class AiotoolsLoadControlTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="aiotools-fake-load-")
        self.program = os.path.join(self.folder, "aiotools")
        self.log = os.path.join(self.folder, "commands")
        with open(self.program, "w") as f:
            f.write(FAKE_LOAD.replace("sys.argv[1]", repr(self.log)).replace("SAMPLE", repr(sample_line(0).replace('"requests": 0', '"requests": REQUESTS'))))
        os.chmod(self.program, 0o755)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_it_warms_up_then_measures_and_reads_the_server_cpu_over_the_measured_window_only(self):
        run = peers.aiotools_load(self.program, "http://127.0.0.1:1/", 10000, 5, 25000, os.getpid(), warmup=1)

        with open(self.log) as f:
            self.assertEqual(["connect", "measure 1", "measure 5", "closed"], f.read().split("\n")[:4])
        # The sample of the measured window, not the warm-up's.
        self.assertEqual(125_000, run.requests)
        # The two connections the ramp could not open are errors of the run.
        self.assertEqual(2, run.errors)
        self.assertIsNotNone(run.server_cpu_micros)
        self.assertGreater(run.window_seconds, 0)
        self.assertLess(run.window_seconds, run.wall_seconds)

    def test_a_build_from_before_the_ready_word_connects_at_once_and_is_measured_the_same(self):
        with open(self.program) as f:
            text = f.read()
        with open(self.program, "w") as f:
            f.write(text.replace("SAYS_READY = True", "SAYS_READY = False"))

        run = peers.aiotools_load(self.program, "http://127.0.0.1:1/", 10000, 5, 25000, os.getpid(), warmup=1)

        with open(self.log) as f:
            self.assertEqual(["measure 1", "measure 5", "closed"], f.read().split("\n")[:3])
        self.assertEqual(125_000, run.requests)
        self.assertEqual(2, run.errors)

    def test_a_generator_that_ends_before_its_ramp_line_is_an_error_naming_its_message(self):
        with open(self.program) as f:
            text = f.read()
        with open(self.program, "w") as f:
            f.write(text.replace('if "--fail" in sys.argv:', "if True:"))

        with self.assertRaisesRegex(RuntimeError, r"aiotools load exited \(4\) before its 'ramp' line: cannot connect to the target"):
            peers.aiotools_load(self.program, "http://127.0.0.1:1/", 10000, 5, 25000, os.getpid())

    def test_a_generator_that_stops_answering_is_killed_and_said_to_have_hung(self):
        with open(self.program) as f:
            text = f.read()
        with open(self.program, "w") as f:
            f.write(text.replace("for line in sys.stdin:", "import time\ntime.sleep(600)\nfor line in sys.stdin:"))
        allowed = peers.client_timeout
        peers.client_timeout = lambda seconds, connections: 1
        started = time.monotonic()
        try:
            with self.assertRaisesRegex(peers.ClientHung, r"did not print its 'sample' line in time and was killed"):
                peers.aiotools_load(self.program, "http://127.0.0.1:1/", 10000, 5, 25000, os.getpid())
        finally:
            peers.client_timeout = allowed
        self.assertLess(time.monotonic() - started, 300)


class MeasureTests(unittest.TestCase):
    def test_a_client_that_read_the_server_cpu_over_its_window_is_taken_at_its_word(self):
        server = peers.Server("fake", "fake", subprocess.Popen(["sleep", "60"]), os.getpid(), "http://127.0.0.1:1/")
        try:
            client = peers.ClientRun(requests=100_000, seconds=5.0, requests_per_second=20_000, wall_seconds=8.0,
                                     server_cpu_micros=1_000_000, window_seconds=5.0)

            figures = peers.measure(server, lambda: client)
        finally:
            server.stop()

        self.assertEqual(10.0, figures["serverCpuMicrosPerRequest"])
        self.assertEqual(20.0, figures["serverCpuPercent"])


if __name__ == "__main__":
    unittest.main()


class EndOnSigtermTests(unittest.TestCase):
    """A table stopped with SIGTERM still runs its finally blocks (they stop the servers and put the sysctls back)."""

    def test_sigterm_runs_the_finally_blocks_and_exits_143(self):
        with tempfile.TemporaryDirectory() as folder:
            marker = os.path.join(folder, "restored")
            script = (
                "import sys, time\n"
                f"sys.path.insert(0, {SCRIPTS!r})\n"
                "import peers\n"
                "peers.end_on_sigterm()\n"
                "try:\n"
                "    print('running', flush=True)\n"
                "    time.sleep(60)\n"
                "finally:\n"
                f"    open({marker!r}, 'w').write('yes')\n")
            child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
            self.assertEqual(child.stdout.readline().strip(), "running")
            child.send_signal(signal.SIGTERM)
            self.assertEqual(child.wait(timeout=30), 143)
            child.stdout.close()
            self.assertTrue(os.path.exists(marker), "the finally block did not run")

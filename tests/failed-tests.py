"""Prints the tests that failed in the given .trx files: name, message and the first lines of the stack.

run-tests.sh calls it at the end of a run, because `dotnet test` over the solution runs the projects side by side
and a failure scrolls away under thousands of lines of other projects' output: whoever reads only the tail of a CI
log (as the CI record keeps it) must still see what failed.
"""
import sys
import xml.etree.ElementTree as ElementTree

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
STACK_LINES = 6

failed = 0
for path in sys.argv[1:]:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        print(f"{path}: not readable ({error})")
        failed += 1
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        failed += 1
        print(f"FAILED {result.get('testName')} ({result.get('outcome')}, {result.get('duration')})")
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NS).strip()
        for line in message.splitlines()[:20]:
            print(f"    {line}")
        for line in stack.splitlines()[:STACK_LINES]:
            print(f"    {line.strip()}")
print(f"{failed} failed test(s) in {len(sys.argv) - 1} result file(s)")

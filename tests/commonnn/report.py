"""Print every finding of the commonnn sweep: ``python -m tests.commonnn.report [id or substring ...]``.

``--update`` rewrites ``known_failures.json`` from a full run; ``--json=FILE`` saves the findings' text.
"""
import sys

from tests.commonnn.harness import DATABASE
from tests.torch_databases import report

if __name__ == "__main__":
    report(DATABASE, sys.argv[1:])

"""Print every finding of the optiminfo sweep: ``python -m tests.optiminfo.report [id or substring ...]``.

``--update`` rewrites ``known_failures.json`` from a full run; ``--json=FILE`` saves the findings' text.
"""
import sys

from tests.optiminfo.harness import DATABASE
from tests.torch_databases import report

if __name__ == "__main__":
    report(DATABASE, sys.argv[1:])

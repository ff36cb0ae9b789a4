"""Runs a Jupyter notebook's code cells in order, in one namespace, without Jupyter.

usage: python3 scripts/run-notebook.py NOTEBOOK.ipynb

Only the standard library: CI and a newcomer's machine run the docs' notebooks as they are.
Exits non-zero, naming the cell, when a cell raises (an `assert` in a notebook is a check).
"""
import json
import sys
import traceback


def main(path):
    with open(path, encoding="utf-8") as handle:
        notebook = json.load(handle)
    namespace = {"__name__": "__main__"}
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            exec(compile(source, f"{path}, cell {number}", "exec"), namespace)
        except Exception:
            traceback.print_exc()
            print(f"cell {number} failed", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))

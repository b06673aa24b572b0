#!/usr/bin/env python3
"""Consistency check for the corpus_fresh2 question set: corpus_fresh's checker, whose layout and
rules this set follows (ids CF2NNN), run on this folder (stdlib only; it reads files, it runs
nothing).

    python3 tests/corpus_fresh2/check.py
"""

import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.argv = [sys.argv[0], HERE]
runpy.run_path(os.path.join(HERE, "..", "corpus_fresh", "check.py"), run_name="__main__")

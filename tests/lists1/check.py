#!/usr/bin/env python3
"""Consistency check for the lists1 set: unseen4's checker run on this folder (stdlib only; it reads
files, it runs nothing). This set has no questions.jsonl (it is an extraction set only), so the
checker's question check is replaced by one that reads no file; every other check is unseen4's.

    python3 tests/lists1/check.py
"""

import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.argv = [sys.argv[0], HERE]
checker = runpy.run_path(os.path.join(HERE, "..", "unseen4", "check.py"), run_name="lists1_check")
checker["main"].__globals__["check_questions"] = lambda texts: []  # no questions in this set
checker["main"]()

#!/usr/bin/env python3
"""Consistency check for the unseen65 evaluation set: unseen4's checker, whose layout and rules
this set follows, run on this folder (stdlib only; it reads files, it runs nothing).

    python3 tests/unseen65/check.py
"""

import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.argv = [sys.argv[0], HERE]
runpy.run_path(os.path.join(HERE, "..", "unseen4", "check.py"), run_name="__main__")

"""``python -m transforms.fair_matching``: the package's command line (``--evaluate``, see evaluation.main).

The command used to run the single module's ``main``; now that the matching is a package, Python
runs this file for ``-m``, and it only hands over to the evaluation module, which owns the arguments
and the printing, so the command and its output stay as they were.
"""

from __future__ import annotations

import sys

from transforms.fair_matching.evaluation import main

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Build the fastact documentation offline, with warnings as errors.
#
#   pip install . ".[docs]"        # fastact itself must be installed: the API
#                                  # pages come from the compiled ufuncs' docstrings
#   bash docs/build.sh             # -> docs/_build/html/index.html
#
# Options through the environment:
#   FASTACT_DOCS_INTERSPHINX=1  link to the Python/NumPy/Dask docs (needs the network)
#   SPHINXOPTS="..."            extra sphinx-build options
#   PYTHON=python3.12           the interpreter that has fastact and Sphinx
#
# The outputs that the pages include (docs/_generated/*.txt) are committed;
# refresh them with bash docs/generate_outputs.sh. The screenshots in
# docs/_static/screenshots/ come from bash docs/screenshots.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python}"
cd "$here"
# run from docs/, so "import fastact" finds the installed package, not the
# source folder fastact/ (which has no compiled _core) at the repository root
rm -rf _build/html _build/doctrees api/generated generated
exec "$PYTHON" -m sphinx -W --keep-going -b html -d _build/doctrees ${SPHINXOPTS:-} . _build/html

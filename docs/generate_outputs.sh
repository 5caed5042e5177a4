#!/usr/bin/env bash
# Regenerate the example outputs that the documentation includes verbatim
# (docs/_generated/*.txt). Run from anywhere, with fastact and the examples'
# extras installed:   pip install . ".[examples]"
#
#   bash docs/generate_outputs.sh          # all of them (about a minute)
#
# Commit the refreshed files: the docs build (docs/build.sh) only reads them,
# so building the site never retrains the network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON="${PYTHON:-python}"
out="$here/_generated"
mkdir -p "$out"
cd "$here"   # not the repository root: "import fastact" must find the installed package

"$PYTHON" -c "import fastact; fastact.show_config()" > "$out/show_config.txt"
"$PYTHON" "$root/examples/mlp_digits.py" --epochs 30 --seed 0 > "$out/mlp_output.txt"
"$PYTHON" "$root/examples/mlp_digits.py" --epochs 30 --seed 0 --activation elu > "$out/mlp_output_elu.txt"
"$PYTHON" "$root/examples/bfloat16.py" > "$out/bfloat16_output.txt"
"$PYTHON" "$root/examples/dask_scaleout.py" > "$out/dask_output.txt" 2> >(grep -v "^$" >&2)
echo "wrote: $(cd "$out" && ls)"

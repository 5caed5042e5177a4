"""Small Sphinx helpers for the fastact docs.

``.. ifexists:: PATH`` parses its content only when PATH (relative to the
current document) exists; ``.. ifmissing:: PATH`` only when it does not.
The performance and accuracy pages use them so that the site builds with -W
before the benchmark report / ULP measurement have been generated, and shows
the real data as soon as they have.

autosummary does not follow ``.. include::`` when it looks for the stubs to
generate, and the API page includes its per-family sections from
``_generated/ufuncs_api.rst`` (written by ``tools/generate.py``). So the
search is made on each page with its ``.rst`` includes expanded in place: the
included entries keep the page's ``currentmodule`` and its ``:toctree:``
folder, as if they had been written in the page.
"""
import os
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.ext.autosummary import generate as autosummary_generate


class _IfPath(Directive):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    want_exists = True

    def run(self):
        env = self.state.document.settings.env
        rel, abspath = env.relfn2path(directives.path(self.arguments[0]))
        env.note_dependency(rel)
        if os.path.exists(abspath) != self.want_exists:
            return []
        container = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, container)
        return container.children


class IfExists(_IfPath):
    want_exists = True


class IfMissing(_IfPath):
    want_exists = False


_INCLUDE = re.compile(r"^\.\.\s+include::\s+(\S+\.rst)\s*$")


def _lines_with_includes(path, depth=0):
    """The lines of an .rst file, each top-level ``.. include:: X.rst``
    (relative to the file) replaced by X's own lines."""
    path = Path(path)
    out = []
    for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
        m = _INCLUDE.match(line)
        inc = path.parent / m.group(1) if m else None
        if inc is not None and depth < 8 and inc.is_file():
            out.extend(_lines_with_includes(inc, depth + 1))
        else:
            out.append(line)
    return out


def _find_autosummary_in_files(filenames):
    documented = []
    for filename in filenames:
        documented.extend(autosummary_generate.find_autosummary_in_lines(
            _lines_with_includes(filename), filename=filename))
    return documented


def setup(app):
    app.add_directive("ifexists", IfExists)
    app.add_directive("ifmissing", IfMissing)
    # generate_autosummary_docs looks this function up in its module
    autosummary_generate.find_autosummary_in_files = _find_autosummary_in_files
    return {"parallel_read_safe": True, "parallel_write_safe": True}

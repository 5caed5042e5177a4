"""Small Sphinx helpers for the fastact docs.

``.. ifexists:: PATH`` parses its content only when PATH (relative to the
current document) exists; ``.. ifmissing:: PATH`` only when it does not.
The performance and accuracy pages use them so that the site builds with -W
before the benchmark report / ULP measurement have been generated, and shows
the real data as soon as they have.
"""
import os

from docutils import nodes
from docutils.parsers.rst import Directive, directives


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


def setup(app):
    app.add_directive("ifexists", IfExists)
    app.add_directive("ifmissing", IfMissing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

#!/usr/bin/env python3
"""Checks that the repository's docs and sources name no file outside it.

    check-doc-links.py ROOT [--exclude PATH]...

Scans README.md and every text file under docs/, include/, lib/, tools/,
test/, utils/ and bench/ of ROOT (PATHs relative to ROOT are skipped) for:

* the names of files kept outside the repository (the project's notes and
  the sibling folder they live in; see FORBIDDEN);
* in Markdown files, a link `[text](target)` or `[ref]: target` whose target
  is a relative path that leads outside ROOT or to a file that does not
  exist. URLs (http:, https:, mailto:, any scheme) and pure anchors (#...)
  are not checked; `#anchor` and `?query` are stripped from a path.

Prints one `path:line: problem` per offence (paths relative to ROOT) and
exits with status 1 if there is any, 0 otherwise.
"""

import argparse
import os
import re
import sys
import urllib.parse

SCANNED = ["README.md", "docs", "include", "lib", "tools", "test", "utils", "bench"]

# Built from pieces so that this script does not name them itself.
FORBIDDEN = [
    ("CONTEXT" + ".md", re.compile(re.escape("CONTEXT" + ".md"))),
    (".." + "/shared", re.compile(re.escape(".." + "/shared") + r"(?![\w.-])")),
]

INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def files_under(root, excludes):
    for entry in SCANNED:
        path = os.path.join(root, entry)
        if os.path.isfile(path):
            candidates = [path]
        elif os.path.isdir(path):
            candidates = []
            for directory, subdirs, names in os.walk(path):
                subdirs[:] = sorted(d for d in subdirs
                                    if not d.startswith(".") and d != "__pycache__")
                candidates.extend(os.path.join(directory, n) for n in sorted(names))
        else:
            continue
        for candidate in candidates:
            relative = os.path.relpath(candidate, root)
            if any(relative == e or relative.startswith(e + os.sep) for e in excludes):
                continue
            yield candidate, relative


def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def link_targets(line):
    """Targets of the Markdown links on one line, code spans removed."""
    text = CODE_SPAN.sub("", line)
    targets = [m.group(1) for m in INLINE_LINK.finditer(text)]
    m = REFERENCE_LINK.match(text)
    if m:
        targets.append(m.group(1))
    return [t[1:-1] if t.startswith("<") and t.endswith(">") else t for t in targets]


def check_link(root, path, target):
    """A problem with `target`, a link in the file `path`, or None."""
    if not target or target.startswith("#") or SCHEME.match(target):
        return None
    local = urllib.parse.unquote(re.split(r"[#?]", target, 1)[0])
    if not local:
        return None
    if local.startswith("/"):
        resolved = os.path.normpath(os.path.join(root, local.lstrip("/")))
    else:
        resolved = os.path.normpath(os.path.join(os.path.dirname(path), local))
    if os.path.commonpath([root, resolved]) != root:
        return "link '%s' leads outside the repository" % target
    if not os.path.exists(resolved):
        return "link '%s' names a file that does not exist" % target
    return None


def check_file(root, path, relative):
    text = read_text(path)
    if text is None:
        return []
    problems = []
    markdown = path.endswith(".md")
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        for name, pattern in FORBIDDEN:
            if pattern.search(line):
                problems.append("%s:%d: names '%s', which is not in the repository"
                                % (relative, number, name))
        if not markdown:
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        for target in link_targets(line):
            problem = check_link(root, path, target)
            if problem:
                problems.append("%s:%d: %s" % (relative, number, problem))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", help="the repository's root")
    parser.add_argument("--exclude", action="append", default=[],
                        help="a file or folder, relative to ROOT, not to scan")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    excludes = [os.path.normpath(e) for e in args.exclude]
    problems = []
    scanned = 0
    for path, relative in files_under(root, excludes):
        scanned += 1
        problems.extend(check_file(root, path, relative))
    for problem in problems:
        print(problem)
    sys.stdout.flush()
    if problems:
        print("check-doc-links: %d problem(s) in %d files scanned" % (len(problems), scanned),
              file=sys.stderr)
        return 1
    print("check-doc-links: %d files, no outside names or broken links" % scanned)
    return 0


if __name__ == "__main__":
    sys.exit(main())

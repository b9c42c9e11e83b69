#!/usr/bin/env python3
"""Checks that every registered nn op is exercised under each function
transformation by some lit test (driven by op-coverage.test).

  op_coverage.py --registration-input OPS_DECLS > ops.mlir
  op_coverage.py OPS_DECLS NN_OPT_OUTPUT TEST_ROOT TABLE_FILE [--ignore PATH]...

OPS_DECLS: `mlir-tblgen -gen-op-decls` of NNOps.td; the ops are the
`getOperationName()` literals, i.e. every op the dialect registers
(NNDialect.cpp adds exactly GET_OP_LIST of this file).
NN_OPT_OUTPUT: nn-opt's diagnostics for ops.mlir, one generic-form use of
each of those ops plus `nn.no_such_op` (the registration check: every listed
op must reach its verifier in the tool, the made-up one must be rejected).
TEST_ROOT: the test directory scanned (every .mlir and .test outside Inputs/).
TABLE_FILE: the file holding the `EXEMPT:` and `KNOWN-FAILURE:` lines.
--ignore PATH (relative to TEST_ROOT, or a file name): leave a test out
(the self-check that removing coverage fails).

A pair (op, transformation) is covered when a test's RUN line applies the
transformation to a function whose body (after following func.call, comments
stripped) contains the op:

  jvp:  nn-jvp or nn-jacfwd
  vjp:  nn-vjp, nn-value-and-grad, nn-jacrev or nn-train-step
  vmap: nn-vmap

The function is the `function=` of the pass (a generated name such as
mlp_jacfwd is traced back to mlp), or, for a RUN line that runs a helper
script under Inputs/ which itself applies transformations (as
vjp_identity.py does), every word of the RUN line that names a function of
the test.

Tests marked XFAIL cover nothing. Comment lines of TABLE_FILE:

  # EXEMPT: nn.op kind -- why
      the transformation does not apply to the op (stale, an error, once a
      test covers the pair);
  # KNOWN-FAILURE: nn.op kind -- test/.../repro.mlir: what
      one configuration fails; working ones must still cover the pair;
  # KNOWN-FAILURE-UNCOVERED: nn.op kind -- test/.../repro.mlir: what
      every configuration fails: stands in for coverage (stale once covered).

A known failure names an existing reproducer marked XFAIL.

Prints one line per op (`OP nn.x jvp=... vjp=... vmap=...`, each `ok`,
`ok+known-failure`, `exempt`, `known-failure` or `MISSING`), then
`MISSING op transformation` for each uncovered pair and `STALE ...` for a
covered exemption or uncovered known failure, and exits 1 if there is
any."""

import os
import re
import sys

KINDS = {
    "jvp": ("jvp", "jacfwd"),
    "vjp": ("vjp", "value-and-grad", "jacrev", "train-step"),
    "vmap": ("vmap",),
}
PASS_TO_KIND = {p: k for k, passes in KINDS.items() for p in passes}
PASS_RE = re.compile(r"nn-(jvp|vjp|vmap|jacfwd|jacrev|value-and-grad|train-step)"
                     r"(\{[^}]*\}|=\"[^\"]*\"|='[^']*'|=\S+)")
SUFFIXES = ("_jvp", "_vjp", "_vmap", "_jacfwd", "_jacrev", "_value_and_grad", "_train_step")
OP_RE = re.compile(r"(?<![\w.!#$])\"?(nn(?:\.[a-z0-9_]+)+)")
CALL_RE = re.compile(r"\bcall @([\w.$]+)")
FUNC_RE = re.compile(r"^(\s*)func\.func\s+(?:(?:private|public|nested)\s+)?@([\w.$]+)")


def registered_ops(decls, nn_opt_output):
    ops = sorted(set(re.findall(r'StringLiteral\("(nn\.[a-z0-9_.]+)"\)', decls)))
    if len(ops) < 10:
        sys.exit("ERROR: found only %d ops in the mlir-tblgen output" % len(ops))
    # A registered op reaches its verifier ("'nn.dense' op requires one
    # result"); an unknown one is rejected by the parser.
    if "unregistered operation 'nn.no_such_op'" not in nn_opt_output:
        sys.exit("ERROR: nn-opt did not reject nn.no_such_op: the registration check is broken")
    unknown = [op for op in ops if "'%s' op " % op not in nn_opt_output
               or "unregistered operation '%s'" % op in nn_opt_output]
    if unknown:
        sys.exit("ERROR: ops in NNOps.td that nn-opt does not know: " + ", ".join(unknown))
    return ops


def registration_input(decls):
    """One generic-form use of each op (and of a made-up one) per chunk."""
    ops = sorted(set(re.findall(r'StringLiteral\("(nn\.[a-z0-9_.]+)"\)', decls)))
    return "\n// -----\n".join('"%s"() : () -> ()' % op for op in ops + ["nn.no_such_op"]) + "\n"


def strip_comment(line):
    # `//` starts a comment in MLIR (string attributes with `//` are not used
    # in the tests).
    return line.split("//", 1)[0]


def functions(text):
    """{name: [set of ops, set of callees]} (same-named functions of
    -split-input-file chunks are merged)."""
    result = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FUNC_RE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, name = len(match.group(1)), match.group(2)
        entry = result.setdefault(name, [set(), set()])
        # The signature runs to the line ending with `{` (a body) or stops at
        # a line that cannot be part of it (a declaration has no body).
        j = i
        while j < len(lines) and not strip_comment(lines[j]).rstrip().endswith("{"):
            if j > i and (FUNC_RE.match(lines[j]) or lines[j].startswith("// -----")
                          or not strip_comment(lines[j]).strip()):
                break
            j += 1
        if j >= len(lines) or not strip_comment(lines[j]).rstrip().endswith("{"):
            i = j if j > i else i + 1
            continue
        k = j + 1
        while k < len(lines):
            stripped = strip_comment(lines[k])
            if stripped.strip() == "}" and len(stripped) - len(stripped.lstrip()) <= indent:
                break
            k += 1
        for line in lines[i:k]:
            code = strip_comment(line)
            entry[0].update(OP_RE.findall(code))
            entry[1].update(CALL_RE.findall(code))
        i = k + 1
    return result


def ops_of(funcs, name, seen=None):
    seen = seen if seen is not None else set()
    if name in seen or name not in funcs:
        return set()
    seen.add(name)
    ops = set(funcs[name][0])
    for callee in funcs[name][1]:
        ops |= ops_of(funcs, callee, seen)
    return ops


def original(funcs, name):
    """mlp_jacfwd_vmap -> mlp: the function a generated one comes from."""
    while name not in funcs:
        for suffix in SUFFIXES:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        else:
            return None
    return name


def run_lines(text):
    commands, current = [], ""
    for line in text.split("\n"):
        match = re.search(r"(?://|#|;)\s*RUN:(.*)$", line)
        if not match:
            continue
        part = match.group(1).rstrip()
        if part.endswith("\\"):
            current += part[:-1] + " "
            continue
        commands.append(current + part)
        current = ""
    return commands


def script_passes(path, cache={}):
    if path not in cache:
        try:
            source = open(path).read()
        except OSError:
            source = ""
        cache[path] = {PASS_TO_KIND[m] for m in re.findall(
            r"nn-(jvp|vjp|vmap|jacfwd|jacrev|value-and-grad|train-step)\{function", source)}
    return cache[path]


def coverage(test_root, ignored, table_file):
    """{(op, kind): [test paths]}"""
    covered = {}
    for directory, subdirs, files in os.walk(test_root):
        subdirs[:] = sorted(d for d in subdirs if d != "Inputs")
        for file in sorted(files):
            path = os.path.join(directory, file)
            rel = os.path.relpath(path, test_root)
            if not file.endswith((".mlir", ".test")) or rel in ignored or file in ignored:
                continue
            if os.path.realpath(path) == os.path.realpath(table_file):
                continue
            text = open(path).read()
            if re.search(r"^\s*(//|#|;)\s*XFAIL:", text, re.M):
                continue  # An expected failure covers nothing.
            funcs = None
            for command in run_lines(text):
                uses = []  # (kind, function name)
                for pass_name, options in PASS_RE.findall(command):
                    for function in re.findall(r"function=([\w.$]+)", options):
                        uses.append((PASS_TO_KIND[pass_name], function))
                for script in re.findall(r"%S/(\S*Inputs/\w+\.py)", command):
                    kinds = script_passes(os.path.join(directory, script))
                    for word in re.split(r"[\s=,]+", command) if kinds else []:
                        # `f:no-vjp` (transform_check.py): f without nn-vjp.
                        name, *flags = word.split(":")
                        uses += [(kind, name) for kind in kinds if "no-" + kind not in flags]
                if not uses:
                    continue
                if funcs is None:
                    funcs = functions(text)
                for kind, name in uses:
                    base = original(funcs, name)
                    if base is None:
                        continue
                    for op in ops_of(funcs, base):
                        covered.setdefault((op, kind), []).append(rel)
    return covered


def table(path, tag):
    """Comment lines `# TAG: nn.op kind -- why` -> {(op, kind): why}"""
    entries = {}
    for line in open(path):
        match = re.match(r"\s*(?:#|//)\s*%s:\s*(nn\.[a-z0-9_.]+)\s+(jvp|vjp|vmap)\s+--\s*(.+)"
                         % tag, line)
        if match:
            key = (match.group(1), match.group(2))
            if key in entries:
                sys.exit("ERROR: %s %s %s listed twice" % (tag, key[0], key[1]))
            entries[key] = match.group(3).strip()
    return entries


def main():
    args = sys.argv[1:]
    if args[0] == "--registration-input":
        sys.stdout.write(registration_input(open(args[1]).read()))
        return
    ignored = set()
    while "--ignore" in args:
        i = args.index("--ignore")
        ignored.add(args[i + 1])
        del args[i:i + 2]
    decls, nn_opt_output, test_root, table_file = args
    ops = registered_ops(open(decls).read(), open(nn_opt_output).read())
    exempt = table(table_file, "EXEMPT")
    known = table(table_file, "KNOWN-FAILURE")
    failing = table(table_file, "KNOWN-FAILURE-UNCOVERED")
    for key in set(exempt) | set(known) | set(failing):
        if key[0] not in ops:
            sys.exit("ERROR: the table names %s, which is not a registered op" % key[0])
        if (key in exempt) + (key in failing) > 1 or (key in exempt and key in known):
            sys.exit("ERROR: %s %s is listed as exempt and as a known failure" % key)
    for key, why in list(known.items()) + list(failing.items()):
        reference = re.search(r"test/[\w/.-]+\.(?:mlir|test)", why)
        path = reference and os.path.join(os.path.dirname(os.path.abspath(test_root)),
                                          reference.group(0))
        if not path or not os.path.exists(path):
            sys.exit("ERROR: known failure %s %s names no existing reproducer test/..." % key)
        if not re.search(r"^\s*(//|#|;)\s*XFAIL:", open(path).read(), re.M):
            sys.exit("ERROR: the reproducer of known failure %s %s, %s, is not marked XFAIL"
                     % (key + (reference.group(0),)))
    covered = coverage(test_root, ignored, table_file)
    problems = []
    print("%d registered ops" % len(ops))
    for op in ops:
        states = []
        for kind in KINDS:
            key = (op, kind)
            if key in covered:
                state = "ok+known-failure" if key in known else "ok"
                if key in exempt or key in failing:
                    problems.append("STALE %s %s: covered by %s, remove it from the %s table"
                                    % (op, kind, covered[key][0], "EXEMPT" if key in exempt
                                       else "KNOWN-FAILURE-UNCOVERED"))
            elif key in exempt:
                state = "exempt"
            elif key in failing:
                state = "known-failure"
            else:
                state = "MISSING"
                problems.append("MISSING %s %s: no test applies %s to a function using it%s"
                                % (op, kind, " / ".join("nn-" + p for p in KINDS[kind]),
                                   " (a failing configuration is listed, no working one is tested)"
                                   if key in known else ""))
            states.append("%s=%s" % (kind, state))
        print("OP %s %s" % (op, " ".join(states)))
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

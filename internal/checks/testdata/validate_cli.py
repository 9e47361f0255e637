"""Validates the AWS CLI lines of check remediations (TestRemediationCLI).

Reads {"check_id": "cli text", ...} on stdin and prints
{"errors": [{"check": ID, "line": LINE, "error": TEXT}], "commands": N,
"awscli": VERSION, "botocore": VERSION} on stdout.

Each command is resolved against the AWS CLI's own command table (awscli's
clidriver, built from botocore's service models plus the CLI's documented
customizations: `aws s3 ...` high-level commands, `s3api`/`configservice`
names, `--cli-input-json`, boolean `--no-...` forms, waiters), so a line
fails when its service command, operation or any parameter does not exist,
a required parameter is missing (unless --cli-input-json supplies them), a
literal value is not one of the model's enum values or not an integer where
the model wants one, or a boolean flag is given a value.

Conventions the remediation text follows:
  * `<PLACEHOLDER>` stands for a value the reader fills in;
  * a line starting with `#` is a comment;
  * `\\` at the end of a line continues the command;
  * `"$(aws ...)"` command substitutions are validated as commands too.
"""

import json
import shlex
import sys

import awscli
import botocore
from awscli.clidriver import ServiceOperation, create_clidriver
from awscli.arguments import BooleanArgument

# Shell words that separate commands on one line.
SEPARATORS = {"|", "||", "&&", ";"}


def split_commands(line):
    """Splits a shell line into commands (lists of words) and returns the
    command substitutions found inside words as further lines."""
    lex = shlex.shlex(line, posix=True, punctuation_chars="|&;")
    lex.whitespace_split = True
    lex.commenters = ""
    words = list(lex)
    cmds, cur, subs = [], [], []
    for w in words:
        if w in SEPARATORS:
            cmds.append(cur)
            cur = []
            continue
        cur.append(w)
        start = w.find("$(")
        while start >= 0:
            depth, i = 0, start + 1
            while i < len(w):
                if w[i] == "(":
                    depth += 1
                elif w[i] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            subs.append(w[start + 2 : i])
            start = w.find("$(", i)
    cmds.append(cur)
    return [c for c in cmds if c], subs


class Validator:
    def __init__(self):
        self.driver = create_clidriver()
        self.table = self.driver._get_command_table()
        self.global_args = self.driver._get_argument_table()

    def command(self, words):
        """Returns the error for one command (list of words), or None."""
        if words[0] != "aws":
            return "not an AWS CLI command: %r" % words[0]
        i = 1
        # Global options may come before the service.
        while i < len(words) and words[i].startswith("--"):
            name = words[i][2:].split("=", 1)[0]
            if name not in self.global_args:
                return "unknown global option --%s" % name
            i += 2 if "=" not in words[i] else 1
        if i >= len(words):
            return "no service command"
        svc_name = words[i]
        if svc_name not in self.table:
            return "unknown service command %r" % svc_name
        cmd = self.table[svc_name]
        path = [svc_name]
        i += 1
        # Descend to the operation (service operations, waiters, and the
        # CLI's customised subcommands such as `aws s3 rm`).
        while i < len(words) and not words[i].startswith("-"):
            sub = self._subcommands(cmd)
            if sub is None:
                break
            if words[i] not in sub:
                return "%s has no command %r" % (" ".join(["aws"] + path), words[i])
            cmd = sub[words[i]]
            path.append(words[i])
            i += 1
        if self._subcommands(cmd) is not None and not isinstance(cmd, ServiceOperation):
            return "%s needs a subcommand" % " ".join(["aws"] + path)
        return self.arguments(cmd, words[i:], " ".join(["aws"] + path))

    @staticmethod
    def _subcommands(cmd):
        if isinstance(cmd, ServiceOperation):
            return None
        if hasattr(cmd, "subcommand_table") and cmd.subcommand_table:
            return cmd.subcommand_table
        if hasattr(cmd, "_get_command_table"):
            return cmd._get_command_table()
        return None

    def arguments(self, cmd, words, where):
        table = cmd.arg_table
        positional = [a for a in table.values() if getattr(a, "positional_arg", False)]
        capacity = 0  # how many positional words the command takes
        for a in positional:
            n = getattr(a, "nargs", None)
            capacity += n if isinstance(n, int) else (1 if n in (None, "?") else 1 << 30)
        given = set()
        npos = 0
        current = None  # the option whose values follow
        for w in words:
            if w.startswith("#"):
                break  # a shell comment ends the command
            if w.startswith("--"):
                name, _, inline = w[2:].partition("=")
                if name in table:
                    current = table[name]
                elif name in self.global_args:
                    current = self.global_args[name]
                else:
                    return "%s has no parameter --%s" % (where, name)
                given.add(name)
                if inline:
                    err = self.value(current, inline, where)
                    if err:
                        return err
                    current = None
                continue
            if current is None:
                if npos < capacity:
                    npos += 1
                    continue
                return "%s: unexpected argument %r" % (where, w)
            err = self.value(current, w, where)
            if err:
                return err
        if "cli-input-json" in given:
            return None
        groups = {getattr(table[n], "group_name", None) for n in given if n in table}
        for name, arg in table.items():
            if getattr(arg, "group_name", None) in groups and isinstance(arg, BooleanArgument):
                continue  # --ingress answers the required --egress/--no-egress pair
            if arg.required and name not in given and not getattr(arg, "positional_arg", False):
                return "%s: required parameter --%s is missing" % (where, name)
        return None

    @staticmethod
    def value(arg, value, where):
        if isinstance(arg, BooleanArgument) or getattr(arg, "nargs", None) == 0:
            return "%s: --%s is a flag and takes no value (got %r)" % (where, arg.name, value)
        if "<" in value and ">" in value:
            return None  # a placeholder, possibly inside a structure
        model = getattr(arg, "argument_model", None)
        if model is None:
            return None
        if model.type_name == "string" and getattr(model, "enum", None):
            if value not in model.enum:
                shown = ", ".join(model.enum[:8]) + (", ..." if len(model.enum) > 8 else "")
                return "%s: --%s %r is not one of %s" % (where, arg.name, value, shown)
        if model.type_name in ("integer", "long"):
            try:
                int(value)
            except ValueError:
                return "%s: --%s wants an integer, got %r" % (where, arg.name, value)
        return None


def lines_of(text):
    """The logical lines of a CLI text: continuations joined, comments and
    blank lines dropped."""
    for line in text.replace("\\\n", " ").split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def main():
    checks = json.load(sys.stdin)
    v = Validator()
    errors, commands = [], 0
    for check_id in sorted(checks):
        todo = list(lines_of(checks[check_id]))
        while todo:
            line = todo.pop(0)
            try:
                cmds, subs = split_commands(line)
            except ValueError as e:
                errors.append({"check": check_id, "line": line, "error": "shell syntax: %s" % e})
                continue
            todo.extend(subs)
            for words in cmds:
                commands += 1
                err = v.command(words)
                if err:
                    errors.append({"check": check_id, "line": line, "error": err})
    json.dump({"errors": errors, "commands": commands, "awscli": awscli.__version__, "botocore": botocore.__version__}, sys.stdout)


if __name__ == "__main__":
    main()

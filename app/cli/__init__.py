"""The command line (DESIGN.md, "Command line"): parse, dispatch, report, exit.

Exit status 0 success; 1 refused or failed (a one-line reason on stderr);
2 usage. Command modules each add their sub-commands with ``register``; the table in
``command_table`` says which module holds which command, so a command run
imports its own module only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app import __version__
from app.cli.command_table import COMMANDS, command_help, command_named
from app.i18n import _, set_locale

if TYPE_CHECKING:
    from app.cli.context import CliContext

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n{_('Try: acec --help')}\n")


class _WindowOptionsParser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # the full parser explains it
        raise ValueError(message)


def _window_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no command (the window opens), else None.

    Parsing these alone spares the window's start the import of every command.
    """
    parser = _WindowOptionsParser(prog="acec", add_help=False)
    _add_globals(parser, top=True)
    try:
        args, rest = parser.parse_known_args(argv)
    except ValueError:
        return None
    return None if rest else args


def _register_commands(sub: Any, loaded: str | None) -> None:
    """Add every command: those of the module ``loaded`` in full, the others as names.

    A named-only command has its help line and takes any arguments: enough for
    ``acec --help`` and to learn which command a line names, without importing it.
    """
    import importlib

    registered: set[str] = set()
    for command in COMMANDS:
        if command.module == loaded:
            if command.module not in registered:
                importlib.import_module(command.module).register(
                    sub, lambda p: _add_globals(p, top=False)
                )
                registered.add(command.module)
        else:
            sub.add_parser(command.name, help=command_help(command.name), add_help=False)


def _add_globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=_("database file (default: the user data folder)"),
    )
    parser.add_argument(
        "--lang", metavar="LOCALE", default=default, help=_("language, e.g. en, zh_CN, vi")
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=_("print a machine-readable summary"),
    )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; the module of ``command`` loaded, the others named only."""
    entry = command_named(command) if command else None
    parser = _Parser(
        prog="acec",
        description=_("ACEC Tracker: the China–ASEAN environmental cooperation plan, offline."),
        # Help lines start where the options' do; a longer command name (import-template)
        # goes on its own line instead of pushing every line to wrap.
        formatter_class=lambda prog: argparse.HelpFormatter(prog, max_help_position=17),
    )
    parser.add_argument("--version", action="version", version=f"acec {__version__}")
    _add_globals(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _register_commands(sub, entry.module if entry else None)
    return parser


def _parse(args_list: list[str]) -> argparse.Namespace:
    """Parse in two steps: which command (nothing imported), then that command in full.

    ``--help`` and ``--version`` end in the first step.
    """
    named, _rest = build_parser().parse_known_args(args_list)
    return build_parser(named.command).parse_args(args_list)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program with ``argv``; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        set_locale(_peek_lang(args_list))
    except ValueError as exc:
        print(f"acec: {exc}", file=sys.stderr)
        return EXIT_USAGE
    window = _window_options(args_list)
    if window is not None:
        from app.cli.context import CliContext
        from app.ui.shell.application import run_application

        return run_application(
            CliContext(db=window.db, lang=window.lang, json=False).db_path_or_none(), window.lang
        )
    try:
        args = _parse(args_list)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:  # the window check above takes these; a guard, not a path
        build_parser().print_usage(sys.stderr)
        return EXIT_USAGE
    # What runs a command loads only now: ``--help`` and ``--version`` end above without it.
    from app.cli.context import CliContext

    return _run_command(CliContext(db=args.db, lang=args.lang, json=args.json), args)


def _run_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Run the parsed command; a failure becomes one line on stderr and exit status 1."""
    from app.cli.context import CommandFailed
    from app.errors import AcecError, short_description, storage_error
    from app.logging_setup import log_unexpected
    from app.running_copy import COMMAND, run_as

    run_as(COMMAND, args.command)  # named by the lock, for a second copy's message
    try:
        result = args.func(ctx, args)
        if sys.stdout is not None:  # None under pythonw on Windows
            sys.stdout.flush()  # a closed pipe shows up here, not at exit
    except CommandFailed as exc:
        _emit_failure(ctx, exc.message, exc.data)
        return EXIT_FAILED
    except AcecError as exc:
        _emit_failure(ctx, exc.message, None)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (``acec dump | head``): not an error worth a log.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _emit_failure(ctx, _("Interrupted; nothing was changed by the unfinished step."), None)
        return EXIT_FAILED
    except Exception as exc:  # no traceback reaches a user; it goes to the log
        known = storage_error(exc, ctx.db_path)
        if known is not None:  # a full disk or a refused file is no bug: no log
            _emit_failure(ctx, known.message, None)
            return EXIT_FAILED
        log_path = log_unexpected(exc)
        _emit_failure(
            ctx,
            _("Unexpected error: {error}. Details were written to {log}.").format(
                error=short_description(exc), log=log_path
            ),
            None,
        )
        return EXIT_FAILED
    finally:
        ctx.close()
    return EXIT_OK if result is None else int(result)


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _peek_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _emit_failure(ctx: CliContext, message: str, data: dict[str, Any] | None) -> None:
    line = " ".join(message.split())
    print(f"acec: {line}", file=sys.stderr)
    if ctx.json:
        print(
            json.dumps(
                {"ok": False, "error": line} | (data or {}), ensure_ascii=False, sort_keys=True
            )
        )

"""The `ecrea-gmail-setup` command: the wizard, and commands for support staff.

Every command speaks the language given with --lang, else the one chosen last time in
the wizard, else the system's. No Python traceback reaches the user: bad options get
exit 2 and a message naming the option, Ctrl+C exit 130, anything unforeseen one line.
"""

from __future__ import annotations

import argparse
import math
import os
import stat
import sys

from wizard import __version__
from wizard.cli.argparse_language import argparse_in
from wizard.cli.option_suggestions import SuggestingParser
from wizard.core.language import LANGUAGES, detect_language
from wizard.core.servers import (
    ARRIVAL_TIMEOUT,
    IMAP_HOST,
    IMAP_PORT,
    SEND_TIMEOUT,
    SENT_TIMEOUT,
    SMTP_HOST,
    SMTP_PORT,
)
from wizard.core.texts import Texts
from wizard.mail.diagnosis import EXIT_INTERRUPTED

LANGUAGE_ALIASES = {"jp": "ja", "japanese": "ja", "english": "en"}
MIN_TIMEOUT = 1.0
"""Shorter than this, no server could answer: 1e-300 would only be reported as a network failure."""
MAX_TIMEOUT = 600.0


def language_name(value: str) -> str:
    value = value.strip().lower()
    return LANGUAGE_ALIASES.get(value, value)


def _language_from_argv(argv: list[str]) -> str | None:
    """The first usable --lang anywhere on the command line, so even its errors are in that language."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            value: str | None = word.partition("=")[2]
        elif word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            value = None
        if value is not None and language_name(value) in LANGUAGES:
            return language_name(value)
    return None


def saved_language(practice: bool = False) -> str | None:
    """The language chosen last time in the wizard, if any was saved: practice's first with --practice.

    Practice keeps its own progress file, so someone who has only practised still gets their language.
    """
    try:
        from wizard.core.locations import progress_path
        from wizard.core.progress import ProgressStore

        for kind in (practice, not practice):
            lang = ProgressStore(progress_path(practice=kind)).load().progress.lang
            if lang:
                return lang
        return None
    except Exception:  # an unreadable state folder must not stop the command
        return None


def choose_language(argv: list[str]) -> str:
    return _language_from_argv(argv) or saved_language("--practice" in argv) or detect_language()


class OptionTypes:
    """argparse types whose complaints are in the user's language and name the value."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts

    def port(self, value: str) -> int:
        try:
            port = int(value)
        except ValueError:
            port = 0
        if not 1 <= port <= 65535:
            raise argparse.ArgumentTypeError(self.texts("cli.bad_port", value=value))
        return port

    def timeout(self, value: str) -> float:
        try:
            seconds = float(value)
        except ValueError:
            seconds = math.nan
        if not (math.isfinite(seconds) and MIN_TIMEOUT <= seconds <= MAX_TIMEOUT):
            raise argparse.ArgumentTypeError(
                self.texts("cli.bad_timeout", value=value, least=f"{MIN_TIMEOUT:g}", most=f"{MAX_TIMEOUT:g}")
            )
        return seconds


def ca_file_problem(path: str, texts: Texts) -> str | None:
    """Why `path` cannot serve as --ca-file, or None: a readable regular file with a certificate."""
    import ssl

    try:
        info = os.stat(path)  # never opens it: a FIFO or device would block a read
    except OSError as error:
        return texts("cli.bad_ca_file", path=path, reason=error.strerror or type(error).__name__)
    if not stat.S_ISREG(info.st_mode):
        return texts("cli.bad_ca_file", path=path, reason=texts("cli.not_a_file"))
    try:
        # A bare context: loading the system's store here would only be thrown away.
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=path)
    except (ssl.SSLError, OSError, ValueError):
        return texts("cli.bad_ca_file", path=path, reason=texts("cli.no_certificate"))
    return None


class HelpLayout(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal, found without shutil.

    argparse builds a formatter for every option it adds and asks shutil for the width:
    importing shutil (and bz2 and lzma with it) costs `check` about 10 ms before it sends.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or terminal_width() - 2)


def terminal_width() -> int:
    """shutil.get_terminal_size's answer: $COLUMNS, else standard output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


COMMANDS = ("guide", "settings", "status", "check", "watch-sent", "explain", "serve")
_VALUED_OPTIONS = ("--lang", "--ca-file")
"""The top-level options that take a value: the word after one is not the command."""


def command_named(argv: list[str]) -> str | None:
    """The command on the command line, seen before parsing; None for anything less plain.

    Only that command's options are then built: `check` spends no time on the help texts
    of the six others (one of which reads the steps' order). Top-level help, an abbreviated
    top-level option or an unknown command get the whole parser, and argparse's own answer.
    """
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(texts: Texts, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, the top level and that one command."""
    types = OptionTypes(texts)
    parser = SuggestingParser(
        prog="ecrea-gmail-setup", description=texts("cli.description"), formatter_class=HelpLayout, texts=texts
    )
    version = f"%(prog)s {__version__}"
    parser.add_argument("--version", action="version", version=version, help=texts("cli.version_help"))
    lang_help = texts("cli.lang_help")

    def add_language(command: argparse.ArgumentParser, dest: str = "lang") -> None:
        # Accepted after a command too (`serve --lang en`), kept apart from the one before it. The
        # messages' language is read from the command line before parsing (_language_from_argv),
        # so that parsing errors are in it; what the wizard itself runs in is the parsed value.
        command.add_argument("--lang", type=language_name, choices=LANGUAGES, help=lang_help, dest=dest)

    def add_output_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--output", "-o", metavar="FILE", help=texts("cli.output.output_help"))
        command.add_argument("--force", action="store_true", help=texts("cli.output.force_help"))

    def add_imap_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--imap-host", default=IMAP_HOST, metavar="HOST", help=texts("cli.imap_host_help"))
        command.add_argument(
            "--imap-port", type=types.port, default=IMAP_PORT, metavar="PORT", help=texts("cli.imap_port_help")
        )

    add_language(parser)
    parser.add_argument("--practice", action="store_true", help=texts("cli.practice_help"))
    parser.add_argument("--ca-file", metavar="FILE", help=texts("cli.ca_file_help"))
    parser.add_argument("--debug", action="store_true", help=texts("cli.debug_help"))
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=texts("cli.commands_title"), parser_class=argparse.ArgumentParser
    )

    def add_command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, formatter_class=HelpLayout, help=help_text, description=help_text)

    def wanted(name: str) -> bool:
        return only is None or only == name

    if wanted("guide"):
        guide = add_command("guide", texts("cli.guide_help"))
        guide.add_argument("--email", metavar="ADDRESS", help=texts("cli.email_help"))
        guide.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"))
        guide.add_argument("--qr", action="store_true", help=texts("cli.output.qr_help"))
        add_output_options(guide)
        add_language(guide, "command_lang")

    if wanted("settings"):
        settings = add_command("settings", texts("cli.settings_help"))
        settings.add_argument("--json", action="store_true", help=texts("cli.json_help"))
        settings.add_argument("--email", metavar="ADDRESS", help=texts("cli.email_help"))
        settings.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"))
        add_output_options(settings)
        add_language(settings, "command_lang")

    if wanted("status"):
        status = add_command("status", texts("cli.status_help"))
        status.add_argument("--json", action="store_true", help=texts("cli.json_help"))
        status.add_argument("--practice", action="store_true", help=texts("cli.status_practice_help"),
                            dest="status_practice")
        add_language(status, "command_lang")

    if wanted("check"):
        check = add_command("check", texts("cli.check_help"))
        check.add_argument("--email", metavar="ADDRESS", help=texts("cli.email_help"))
        check.add_argument("--to", metavar="ADDRESS", help=texts("cli.to_help"))
        check.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"), default="")
        check.add_argument("--password-stdin", action="store_true", help=texts("cli.password_stdin_help"))
        check.add_argument("--smtp-host", default=SMTP_HOST, metavar="HOST", help=texts("cli.host_help"))
        check.add_argument(
            "--smtp-port", type=types.port, default=SMTP_PORT, metavar="PORT", help=texts("cli.port_help")
        )
        check.add_argument("--ca-file", metavar="FILE", help=texts("cli.ca_file_help"), dest="check_ca_file")
        check.add_argument(
            "--timeout", type=types.timeout, default=SEND_TIMEOUT, metavar="SECONDS",
            help=texts("cli.timeout_help", seconds=f"{SEND_TIMEOUT:g}"),
        )
        check.add_argument("--json", action="store_true", help=texts("cli.json_help"))
        check.add_argument("--practice", action="store_true", help=texts("cli.practice_help"), dest="check_practice")
        check.add_argument("--confirm", action="store_true", help=texts("cli.confirm_help"))
        check.add_argument(
            "--confirm-timeout", type=types.timeout, default=ARRIVAL_TIMEOUT, metavar="SECONDS",
            help=texts("cli.confirm_timeout_help", seconds=f"{ARRIVAL_TIMEOUT:g}"),
        )
        add_imap_options(check)
        add_language(check, "command_lang")

    if wanted("watch-sent"):
        watch_help = texts("cli.watch_sent_help")
        watch = add_command("watch-sent", watch_help)
        watch.add_argument("--email", metavar="ADDRESS", help=texts("cli.email_help"))
        watch.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"), default="")
        watch.add_argument("--password-stdin", action="store_true", help=texts("cli.password_stdin_help"))
        watch.add_argument(
            "--timeout", type=types.timeout, default=SENT_TIMEOUT, metavar="SECONDS",
            help=texts("cli.watch_timeout_help", seconds=f"{SENT_TIMEOUT:g}"),
        )
        watch.add_argument("--ca-file", metavar="FILE", help=texts("cli.ca_file_help"), dest="check_ca_file")
        watch.add_argument("--json", action="store_true", help=texts("cli.json_help"))
        watch.add_argument("--practice", action="store_true", help=texts("cli.practice_help"), dest="check_practice")
        add_imap_options(watch)
        add_language(watch, "command_lang")

    if wanted("explain"):
        explain = add_command("explain", texts("explain.help"))
        explain.add_argument("text", nargs="*", metavar="TEXT", help=texts("explain.text_help"))
        explain.add_argument("--json", action="store_true", help=texts("cli.json_help"))
        add_language(explain, "command_lang")

    if wanted("serve"):
        serve = add_command("serve", texts("cli.serve_help"))
        serve.add_argument("--port", type=types.port, default=8000, help=texts("cli.serve_port_help"))
        serve.add_argument("--host", help=texts("cli.serve_host_help"))
        serve.add_argument("--practice", action="store_true", help=texts("cli.practice_help"), dest="serve_practice")
        serve.add_argument("--no-browser", action="store_true", help=texts("cli.serve_no_browser_help"))
        add_language(serve, "command_lang")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    texts = Texts(choose_language(argv))
    try:
        return run(argv, texts)
    except KeyboardInterrupt:
        print(texts("cli.interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing more can be said.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # The last guard: one line in the user's language, never a traceback.
        print(texts("cli.unexpected", error=type(error).__name__), file=sys.stderr)
        return 1


def run(argv: list[str], texts: Texts) -> int:
    with argparse_in(texts.lang):
        args = build_parser(texts, command_named(argv)).parse_args(argv)
    ca_file = getattr(args, "check_ca_file", None) or args.ca_file
    if ca_file:
        problem = ca_file_problem(ca_file, texts)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    if args.command == "guide":
        from wizard.cli.guide import print_guide

        return print_guide(args, texts)
    if args.command == "settings":
        from wizard.cli.settings import print_settings

        return print_settings(args, texts)
    if args.command == "explain":
        from wizard.cli.explain import run_explain_command

        return run_explain_command(args, texts)
    if args.command == "status":
        from wizard.cli.status import print_status

        return print_status(args, texts)
    if args.command == "serve":
        from wizard.cli.serve import serve

        return serve(
            texts,
            lang=getattr(args, "command_lang", None) or args.lang,
            port=args.port,
            host=args.host,
            practice=args.serve_practice or args.practice,
            open_browser=not args.no_browser,
        )
    if args.command in ("check", "watch-sent"):
        args.ca_file = ca_file
        args.practice = args.check_practice or args.practice
        if args.command == "watch-sent":
            from wizard.cli.confirmations import run_watch_sent_command

            return run_watch_sent_command(args, texts)
        from wizard.cli.check import run_check_command

        return run_check_command(args, texts)
    return run_wizard(args.lang, practice=args.practice, ca_file=ca_file, debug=args.debug, texts=texts)


def run_wizard(lang: str | None, *, practice: bool, ca_file: str | None, debug: bool, texts: Texts) -> int:
    # Textual writes every key press and widget value to a log when TEXTUAL_LOG or the
    # devtools are on: that would include the app password. Only --debug allows it.
    if debug:
        print(texts("cli.debug_warning"), file=sys.stderr)
        os.umask(0o077)
    else:
        for name in ("TEXTUAL_LOG", "TEXTUAL"):
            os.environ.pop(name, None)
    from wizard.ui.app import make_app

    # Without --lang the wizard prefers the language chosen last time over the locale.
    app = make_app(lang=lang, practice=practice, ca_file=ca_file, debug_log=debug)
    app.run()
    return app.return_code or 0

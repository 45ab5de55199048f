"""The `ecrea-gmail-setup` command: the wizard, and commands for support staff."""

from __future__ import annotations

import argparse
import os
import sys

from wizard import __version__
from wizard.core.language import LANGUAGES, detect_language
from wizard.core.texts import Texts


def _language_from_argv(argv: list[str]) -> str | None:
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    known, _ = early.parse_known_args(argv)
    return known.lang


def build_parser(texts: Texts) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ecrea-gmail-setup", description=texts("cli.description"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    lang_help = texts("cli.lang_help")
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    guide = commands.add_parser("guide", help=texts("cli.guide_help"), description=texts("cli.guide_help"))
    guide.add_argument("--lang", choices=LANGUAGES, help=lang_help, dest="command_lang")
    settings = commands.add_parser(
        "settings", help=texts("cli.settings_help"), description=texts("cli.settings_help")
    )
    settings.add_argument("--json", action="store_true", help=texts("cli.json_help"))
    settings.add_argument("--email", metavar="ADDRESS", help=texts("cli.email_help"))
    settings.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"))
    settings.add_argument("--lang", choices=LANGUAGES, help=lang_help, dest="command_lang")
    check = commands.add_parser("check", help=texts("cli.check_help"), description=texts("cli.check_help"))
    check.add_argument("--email", required=True, metavar="ADDRESS", help=texts("cli.email_help"))
    check.add_argument("--to", metavar="ADDRESS", help=texts("cli.to_help"))
    check.add_argument("--name", metavar="DISPLAY_NAME", help=texts("cli.name_help"), default="")
    check.add_argument("--password-stdin", action="store_true", help=texts("cli.password_stdin_help"))
    check.add_argument("--smtp-host", default="smtp.gmail.com", metavar="HOST", help=texts("cli.host_help"))
    check.add_argument("--smtp-port", type=int, default=587, metavar="PORT", help=texts("cli.port_help"))
    check.add_argument("--ca-file", metavar="FILE", help=texts("cli.ca_file_help"))
    check.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help=texts("cli.timeout_help"))
    check.add_argument("--json", action="store_true", help=texts("cli.json_help"))
    check.add_argument("--practice", action="store_true", help=texts("cli.practice_help"))
    check.add_argument("--lang", choices=LANGUAGES, help=lang_help, dest="command_lang")
    serve = commands.add_parser("serve", help=texts("cli.serve_help"), description=texts("cli.serve_help"))
    serve.add_argument("--port", type=int, default=8000, help=texts("cli.serve_port_help"))
    serve.add_argument("--host", help=texts("cli.serve_host_help"))
    serve.add_argument("--practice", action="store_true", help=texts("cli.practice_help"), dest="serve_practice")
    serve.add_argument("--no-browser", action="store_true", help=texts("cli.serve_no_browser_help"))
    serve.add_argument("--lang", choices=LANGUAGES, help=lang_help, dest="command_lang")
    parser.add_argument("--practice", action="store_true", help=texts("cli.practice_help"))
    parser.add_argument("--ca-file", metavar="FILE", help=texts("cli.ca_file_help"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Read before parsing, so that help and errors are in that language too.
    chosen = _language_from_argv(argv)
    texts = Texts(chosen or detect_language())
    args = build_parser(texts).parse_args(argv)
    ca_file = getattr(args, "ca_file", None)
    if ca_file and not os.access(ca_file, os.R_OK):
        print(texts("cli.bad_ca_file", path=ca_file), file=sys.stderr)
        return 2
    if args.command == "guide":
        from wizard.cli.guide import render_guide

        sys.stdout.write(render_guide(texts.lang))
        return 0
    if args.command == "settings":
        return print_settings(args, texts)
    if args.command == "serve":
        from wizard.cli.serve import serve

        return serve(
            texts,
            lang=chosen,
            port=args.port,
            host=args.host,
            practice=args.serve_practice or args.practice,
            open_browser=not args.no_browser,
        )
    if args.command == "check":
        from wizard.cli.check import run_check_command

        return run_check_command(args, texts)
    # Without --lang the wizard prefers the language chosen last time over the locale.
    return run_wizard(chosen, practice=args.practice, ca_file=args.ca_file)


def print_settings(args: argparse.Namespace, texts: Texts) -> int:
    from wizard.core.account import check_address
    from wizard.core.explain import explain_address, explain_display_name
    from wizard.core.locations import progress_path
    from wizard.core.progress import ProgressStore
    from wizard.cli.settings import password_state, settings_as_json, settings_as_text

    saved = ProgressStore(progress_path()).load().progress
    address, name = saved.email, saved.display_name
    if args.email is not None:
        check = check_address(args.email)
        if check.problem:
            print(texts("cli.bad_email", message=explain_address(check, texts)), file=sys.stderr)
            return 2
        address = check.address
    if args.name is not None:
        problem = explain_display_name(args.name, texts)
        if problem:
            print(texts("cli.bad_name", message=problem), file=sys.stderr)
            return 2
        name = args.name
    state = password_state(address)
    output = settings_as_json(address, name, state) if args.json else settings_as_text(address, name, state, texts)
    sys.stdout.write(output)
    return 0


def run_wizard(lang: str | None, *, practice: bool = False, ca_file: str | None = None) -> int:
    from wizard.ui.app import make_app

    app = make_app(lang=lang, practice=practice, ca_file=ca_file)
    app.run()
    return app.return_code or 0
